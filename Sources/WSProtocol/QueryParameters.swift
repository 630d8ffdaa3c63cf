/// The `name=value` pairs of a query in `application/x-www-form-urlencoded`
/// form (`a=1&room=x&room=y&name=J%C3%BCrgen+K`), in order, repeats kept.
///
/// Decoding is lenient, as the WHATWG URL standard's is: `+` is a space, a
/// `%` not followed by two hex digits stays as it is, decoded bytes that are
/// not UTF-8 become U+FFFD, a pair without `=` has an empty value, and empty
/// pairs (`a=1&&b=2`) are skipped. Names are case-sensitive.
public struct QueryParameters: RandomAccessCollection, Equatable, Sendable {
    public typealias Parameter = (name: String, value: String)

    private var parameters: [Parameter]

    /// Parses the raw query, the text after `?` (`HTTPRequestHead.query`); nil gives none.
    public init(_ query: String?) {
        parameters = []
        guard let query, !query.isEmpty else { return }
        ASCII.withUTF8(query) { parse($0) }
    }

    public init(_ parameters: [Parameter]) { self.parameters = parameters }

    public var startIndex: Int { parameters.startIndex }
    public var endIndex: Int { parameters.endIndex }
    public subscript(position: Int) -> Parameter { parameters[position] }

    /// Every value given for `name`, in order.
    public func values(for name: String) -> [String] {
        parameters.compactMap { $0.name == name ? $0.value : nil }
    }

    /// The first value given for `name`.
    public func first(for name: String) -> String? {
        parameters.first { $0.name == name }?.value
    }

    public static func == (lhs: QueryParameters, rhs: QueryParameters) -> Bool {
        lhs.parameters.elementsEqual(rhs.parameters) { $0.name == $1.name && $0.value == $1.value }
    }

    private mutating func parse(_ query: UnsafeRawBufferPointer) {
        var start = 0
        for end in 0...query.count where end == query.count || query[end] == 0x26 { // &
            defer { start = end + 1 }
            guard end > start else { continue }
            let pair = UnsafeRawBufferPointer(rebasing: query[start..<end])
            let equals = pair.firstIndex(of: 0x3D) ?? pair.count // =
            let name = Self.decode(UnsafeRawBufferPointer(rebasing: pair[0..<equals]))
            let value = equals < pair.count ? Self.decode(UnsafeRawBufferPointer(rebasing: pair[(equals + 1)...])) : ""
            parameters.append((name: name, value: value))
        }
    }

    /// Percent-decodes one name or value, `+` as space.
    static func decode(_ text: UnsafeRawBufferPointer) -> String {
        guard text.contains(where: { $0 == 0x25 || $0 == 0x2B }) else { // % or +
            return String(decoding: text, as: UTF8.self)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.count)
        var index = 0
        while index < text.count {
            let byte = text[index]
            if byte == 0x25, index + 2 < text.count,
               let high = hexValue(text[index + 1]), let low = hexValue(text[index + 2]) {
                bytes.append(high << 4 | low)
                index += 3
                continue
            }
            bytes.append(byte == 0x2B ? ASCII.space : byte)
            index += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case 0x30...0x39: digit - 0x30
        case 0x41...0x46: digit - 0x41 + 10
        case 0x61...0x66: digit - 0x61 + 10
        default: nil
        }
    }
}
