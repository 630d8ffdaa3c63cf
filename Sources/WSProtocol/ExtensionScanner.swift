/// Reads one `Sec-WebSocket-Extensions` element (RFC 6455 section 9.1) byte
/// by byte, allowing optional whitespace around `;` and `=`, and lowercasing
/// names (see `ExtensionElement`).
struct ExtensionScanner {
    private let bytes: [UInt8]
    private var index = 0

    init(_ text: String) {
        bytes = Array(text.utf8)
    }

    /// `extension-token *( ";" extension-param )` filling the whole text; nil otherwise.
    mutating func element() -> ExtensionElement? {
        skipWhitespace()
        guard let name = token() else { return nil }
        var element = ExtensionElement(name: name.lowercased())
        skipWhitespace()
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: ";") else { return nil }
            index += 1
            skipWhitespace()
            guard let parameter = parameter() else { return nil }
            element.parameters.append(parameter)
            skipWhitespace()
        }
        return element
    }

    /// `token [ "=" (token | quoted-string) ]`.
    private mutating func parameter() -> ExtensionElement.Parameter? {
        guard let name = token() else { return nil }
        let afterName = index
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else {
            index = afterName
            return ExtensionElement.Parameter(name.lowercased())
        }
        index += 1
        skipWhitespace()
        guard let value = index < bytes.count && bytes[index] == UInt8(ascii: "\"") ? quotedToken() : token() else {
            return nil
        }
        return ExtensionElement.Parameter(name.lowercased(), value)
    }

    /// One or more `tchar`.
    private mutating func token() -> String? {
        let start = index
        while index < bytes.count, ASCII.isTokenChar(bytes[index]) { index += 1 }
        guard index > start else { return nil }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    /// A quoted-string (RFC 9110 section 5.6.4) whose unescaped content is a token.
    private mutating func quotedToken() -> String? {
        index += 1
        var content: [UInt8] = []
        while index < bytes.count {
            var byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: "\"") {
                guard !content.isEmpty, content.allSatisfy(ASCII.isTokenChar) else { return nil }
                return String(decoding: content, as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") {
                guard index < bytes.count else { return nil }
                byte = bytes[index]
                index += 1
            }
            content.append(byte)
        }
        return nil
    }

    private mutating func skipWhitespace() {
        while index < bytes.count, ASCII.isWhitespace(bytes[index]) { index += 1 }
    }
}
