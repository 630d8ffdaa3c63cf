/// The header fields of a head, in the order they arrived, duplicates kept
/// (RFC 9110 section 5.3: order matters for a field sent more than once).
/// Names are looked up ASCII case-insensitively (section 5.1).
public struct HTTPHeaders: RandomAccessCollection, ExpressibleByDictionaryLiteral, Equatable, Sendable {
    public typealias Field = (name: String, value: String)

    private var fields: [Field]

    public init() { fields = [] }

    public init(_ fields: [Field]) { self.fields = fields }

    /// Order and duplicates are kept: `["Foo": "1", "foo": "2"]` is two fields.
    public init(dictionaryLiteral elements: (String, String)...) {
        fields = elements.map { (name: $0.0, value: $0.1) }
    }

    public var startIndex: Int { fields.startIndex }
    public var endIndex: Int { fields.endIndex }
    public subscript(position: Int) -> Field { fields[position] }

    public mutating func add(name: String, value: String) {
        fields.append((name: name, value: value))
    }

    mutating func reserveCapacity(_ count: Int) { fields.reserveCapacity(count) }

    /// Joins an obs-fold continuation onto the last field with one SP (RFC 9112 section 5.2).
    /// Unfolds an obs-fold line (RFC 9112 section 5.2): a blank continuation
    /// adds nothing, so the value keeps no trailing whitespace (RFC 9110 5.5).
    mutating func appendToLastValue(_ continuation: String) {
        guard let last = fields.indices.last, !continuation.isEmpty else { return }
        fields[last].value += fields[last].value.isEmpty ? continuation : " " + continuation
    }

    /// The value of the first field called `name`.
    public func first(_ name: String) -> String? {
        fields.first { ASCII.equalsIgnoringCase($0.name, name) }?.value
    }

    /// Every value of the fields called `name`, in order.
    public func values(_ name: String) -> [String] {
        fields.compactMap { ASCII.equalsIgnoringCase($0.name, name) ? $0.value : nil }
    }

    /// How many fields are called `name`.
    public func count(of name: String) -> Int {
        fields.reduce(0) { $0 + (ASCII.equalsIgnoringCase($1.name, name) ? 1 : 0) }
    }

    /// The list elements of every `name` field as written (RFC 9110 section
    /// 5.6.1: `#element`, comma-separated with OWS, empty elements ignored).
    /// Quoted strings are not recognised: the lists the handshake reads hold
    /// tokens, and extension parameters stay within their element.
    public func elements(_ name: String) -> [String] {
        var result: [String] = []
        forEachElement(of: name) { element in
            result.append(String(decoding: element, as: UTF8.self))
            return false
        }
        return result
    }

    /// `elements(name)` lowercased, for lists of case-insensitive tokens
    /// such as `Connection` and `Upgrade`.
    public func tokens(_ name: String) -> [String] {
        elements(name).map { $0.lowercased() }
    }

    /// Whether some element of the `name` fields is `token`, ignoring ASCII
    /// case; reads the values in place without building a list.
    public func containsToken(_ token: String, in name: String) -> Bool {
        ASCII.withUTF8(token) { wanted in
            forEachElement(of: name) { ASCII.equalsIgnoringCase($0, wanted) }
        }
    }

    /// Calls `body` with each non-empty, trimmed element until it returns true.
    @discardableResult
    private func forEachElement(of name: String, _ body: (UnsafeRawBufferPointer) -> Bool) -> Bool {
        for field in fields where ASCII.equalsIgnoringCase(field.name, name) {
            let found = ASCII.withUTF8(field.value) { value in
                var start = 0
                for end in 0...value.count where end == value.count || value[end] == ASCII.comma {
                    let element = ASCII.trimmingWhitespace(value, start..<end)
                    start = end + 1
                    if !element.isEmpty, body(UnsafeRawBufferPointer(rebasing: value[element])) { return true }
                }
                return false
            }
            if found { return true }
        }
        return false
    }

    public static func == (lhs: HTTPHeaders, rhs: HTTPHeaders) -> Bool {
        lhs.fields.elementsEqual(rhs.fields) { $0.name == $1.name && $0.value == $1.value }
    }
}
