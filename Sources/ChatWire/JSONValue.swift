/// A parsed JSON value (RFC 8259). Numbers keep their exact source text, so a
/// number can be echoed back unchanged (a request's `ref`) and converted only
/// when a field needs it; objects keep their members in source order.
public enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    /// The number exactly as written, e.g. `-1.50e3`; see `doubleValue`/`intValue`.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([Member])

    /// One `"key": value` pair of an object.
    public struct Member: Equatable, Sendable {
        public var key: String
        public var value: JSONValue

        public init(_ key: String, _ value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// The value of member `key` of an object; nil for a missing key or a
    /// value that is not an object. With duplicate keys the last one wins, as
    /// in JavaScript's `JSON.parse` (RFC 8259 leaves that to the receiver).
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.last(where: { $0.key == key })?.value
    }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    public var objectValue: [Member]? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// The source text of a number.
    public var numberText: String? {
        if case .number(let text) = self { return text }
        return nil
    }

    /// A number as the nearest Double (±infinity beyond its range).
    public var doubleValue: Double? { numberText.flatMap { Double($0) } }

    /// A number written as an integer (no fraction, no exponent) that fits an `Int`.
    public var intValue: Int? { numberText.flatMap { Int($0) } }

    /// A number written as a non-negative integer that fits a `UInt64`.
    public var uint64Value: UInt64? { numberText.flatMap { UInt64($0) } }
}

/// Conversions a client reading events needs.
extension JSONValue {
    /// A number that fits an `Int64` (an event's `ts`, a token's `exp`).
    public var int64Value: Int64? { numberText.flatMap { Int64($0) } }

    /// A string, or a number's text: ids and refs may be either.
    public var scalarText: String? {
        switch self {
        case .string(let text), .number(let text): text
        case .null, .bool, .array, .object: nil
        }
    }
}
