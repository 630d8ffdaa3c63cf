/// Shorthands for the `"key":value` pairs that every event and request uses.
extension JSONWriter {
    public mutating func field(_ name: StaticString, _ value: String) {
        key(name)
        string(value)
    }

    public mutating func field(_ name: StaticString, ascii value: StaticString) {
        key(name)
        asciiString(value)
    }

    public mutating func field(_ name: StaticString, _ value: UInt64) {
        key(name)
        uint(value)
    }

    public mutating func field(_ name: StaticString, _ value: Int) {
        key(name)
        int(value)
    }

    public mutating func field(_ name: StaticString, _ value: Bool) {
        key(name)
        bool(value)
    }

    /// `"name":value` when there is a value; nothing otherwise.
    public mutating func field(_ name: StaticString, optional value: String?) {
        guard let value else { return }
        field(name, value)
    }

    /// `"ref":…` exactly as the request had it; nothing when it had none.
    public mutating func field(ref: ChatRequest.Ref?) {
        guard let ref else { return }
        key("ref")
        switch ref {
        case .string(let text): string(text)
        case .number(let text): rawNumber(text)
        }
    }
}
