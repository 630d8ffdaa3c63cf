/// A parsed JSON value, just enough to read the server's events. Numbers
/// keep their source text, so a `seq` beyond 2^53 loses nothing.
enum JSONValue: Equatable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    subscript(key: String) -> JSONValue? {
        guard case .object(let fields) = self else { return nil }
        return fields[key]
    }

    var string: String? {
        guard case .string(let text) = self else { return nil }
        return text
    }

    var uint64: UInt64? {
        guard case .number(let text) = self else { return nil }
        return UInt64(text)
    }

    var int: Int? {
        guard case .number(let text) = self else { return nil }
        return Int(text)
    }

    var int64: Int64? {
        guard case .number(let text) = self else { return nil }
        return Int64(text) ?? Double(text).flatMap { Int64(exactly: $0.rounded()) }
    }

    var array: [JSONValue]? {
        guard case .array(let items) = self else { return nil }
        return items
    }

    /// A string as is, a number as written: how a `ref` reads either way.
    var scalarText: String? {
        switch self {
        case .string(let text), .number(let text): text
        case .null, .bool, .array, .object: nil
        }
    }
}
