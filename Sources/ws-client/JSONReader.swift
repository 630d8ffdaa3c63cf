/// A small recursive-descent JSON parser (RFC 8259) over UTF-8 bytes. It is
/// strict about structure and lenient where the server could not be wrong
/// in a harmful way: a lone surrogate escape becomes U+FFFD.
struct JSONReader {
    /// Why the text is not JSON, with the byte offset where that showed.
    struct Failure: Error, Equatable {
        let offset: Int
    }

    private let bytes: [UInt8]
    private var position = 0
    private var depth = 0
    private static let maxDepth = 64
    private static let numberBytes = Set("+-0123456789.eE".utf8)

    static func parse(_ text: String) throws(Failure) -> JSONValue {
        var reader = JSONReader(bytes: Array(text.utf8))
        let value = try reader.value()
        reader.skipWhitespace()
        guard reader.position == reader.bytes.count else { throw Failure(offset: reader.position) }
        return value
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    private var failure: Failure { Failure(offset: position) }

    private mutating func value() throws(Failure) -> JSONValue {
        skipWhitespace()
        guard position < bytes.count else { throw failure }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try nested { (reader) throws(Failure) in try reader.object() }
        case UInt8(ascii: "["): return try nested { (reader) throws(Failure) in try reader.array() }
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        default: return try number()
        }
    }

    private mutating func nested(_ body: (inout JSONReader) throws(Failure) -> JSONValue) throws(Failure) -> JSONValue {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else { throw failure }
        return try body(&self)
    }

    private mutating func object() throws(Failure) -> JSONValue {
        position += 1
        var fields: [String: JSONValue] = [:]
        if try consume(UInt8(ascii: "}")) { return .object(fields) }
        repeat {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw failure }
            let key = try string()
            guard try consume(UInt8(ascii: ":")) else { throw failure }
            fields[key] = try value()
        } while try consume(UInt8(ascii: ","))
        guard try consume(UInt8(ascii: "}")) else { throw failure }
        return .object(fields)
    }

    private mutating func array() throws(Failure) -> JSONValue {
        position += 1
        var items: [JSONValue] = []
        if try consume(UInt8(ascii: "]")) { return .array(items) }
        repeat {
            items.append(try value())
        } while try consume(UInt8(ascii: ","))
        guard try consume(UInt8(ascii: "]")) else { throw failure }
        return .array(items)
    }

    /// Skips whitespace; true (and consumed) when the next byte is `byte`.
    private mutating func consume(_ byte: UInt8) throws(Failure) -> Bool {
        skipWhitespace()
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    private mutating func literal(_ word: StaticString, _ result: JSONValue) throws(Failure) -> JSONValue {
        let length = word.utf8CodeUnitCount
        guard position + length <= bytes.count else { throw failure }
        let matches = word.withUTF8Buffer { $0.elementsEqual(bytes[position..<position + length]) }
        guard matches else { throw failure }
        position += length
        return result
    }

    private mutating func number() throws(Failure) -> JSONValue {
        let start = position
        while position < bytes.count, Self.numberBytes.contains(bytes[position]) { position += 1 }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        guard position > start, Double(text) != nil else {
            position = start
            throw failure
        }
        return .number(text)
    }

    private mutating func string() throws(Failure) -> String {
        position += 1
        var scalars = String.UnicodeScalarView()
        var runStart = position
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                scalars.append(contentsOf: String(decoding: bytes[runStart..<position], as: UTF8.self).unicodeScalars)
                position += 1
                return String(scalars)
            }
            guard byte >= 0x20 else { throw failure }
            if byte == UInt8(ascii: "\\") {
                scalars.append(contentsOf: String(decoding: bytes[runStart..<position], as: UTF8.self).unicodeScalars)
                scalars.append(try escape())
                runStart = position
            } else {
                position += 1
            }
        }
        throw failure
    }

    /// One backslash escape, starting at the backslash.
    private mutating func escape() throws(Failure) -> Unicode.Scalar {
        guard position + 1 < bytes.count else { throw failure }
        let letter = bytes[position + 1]
        position += 2
        switch letter {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"): return try unicodeEscape()
        default: throw failure
        }
    }

    /// `\uXXXX`, joining a surrogate pair written as two escapes.
    private mutating func unicodeEscape() throws(Failure) -> Unicode.Scalar {
        let first = try hex4()
        switch first {
        case 0xD800...0xDBFF:
            let save = position
            if position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") {
                position += 2
                let second = try hex4()
                if (0xDC00...0xDFFF).contains(second) {
                    return Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)) ?? SafeText.replacement
                }
            }
            position = save
            return SafeText.replacement
        case 0xDC00...0xDFFF:
            return SafeText.replacement
        default:
            return Unicode.Scalar(first) ?? SafeText.replacement
        }
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        guard position + 4 <= bytes.count else { throw failure }
        var value: UInt32 = 0
        for byte in bytes[position..<position + 4] {
            guard let digit = Self.hexDigit(byte) else { throw failure }
            value = value << 4 | digit
        }
        position += 4
        return value
    }

    private static func hexDigit(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }
}
