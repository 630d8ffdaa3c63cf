/// One RESP2 value, as Redis sends it (see the "Redis serialization protocol
/// specification"): the five RESP2 types, with the null bulk string and the
/// null array as nil payloads.
public enum RESPValue: Hashable, Sendable {
    /// `+OK\r\n`: a line of text without CR or LF. Bytes that are not UTF-8
    /// are replaced (U+FFFD), since Redis only sends status words here.
    case simpleString(String)
    /// `-ERR unknown command\r\n`: the server refused the command.
    case error(String)
    /// `:1000\r\n`: a signed 64-bit integer.
    case integer(Int64)
    /// `$5\r\nhello\r\n`; nil for the null bulk string `$-1\r\n`.
    case bulkString([UInt8]?)
    /// `*2\r\n...`; nil for the null array `*-1\r\n`.
    case array([RESPValue]?)

    /// A bulk string from text, for tests and callers that compare replies.
    public static func bulk(_ text: String) -> RESPValue {
        .bulkString(Array(text.utf8))
    }

    /// True for the null bulk string and the null array.
    public var isNull: Bool {
        switch self {
        case .bulkString(let bytes): bytes == nil
        case .array(let elements): elements == nil
        case .simpleString, .error, .integer: false
        }
    }

    /// The bytes of a bulk string, or the UTF-8 of a simple string.
    public var bytes: [UInt8]? {
        switch self {
        case .bulkString(let bytes): bytes
        case .simpleString(let text): Array(text.utf8)
        case .error, .integer, .array: nil
        }
    }

    /// A bulk or simple string as text (invalid UTF-8 replaced).
    public var text: String? {
        switch self {
        case .bulkString(let bytes): bytes.map { String(decoding: $0, as: UTF8.self) }
        case .simpleString(let text): text
        case .error, .integer, .array: nil
        }
    }

    /// The value of an integer reply.
    public var integer: Int64? {
        guard case .integer(let value) = self else { return nil }
        return value
    }

    /// The elements of a non-null array.
    public var elements: [RESPValue]? {
        guard case .array(let elements) = self else { return nil }
        return elements
    }
}
