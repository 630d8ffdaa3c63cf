/// Every way a byte stream can fail to be RESP2, or break a `RESPLimits`
/// bound. After one of these the stream cannot be resynchronised: the
/// connection it came from must be closed.
public enum RESPError: Error, Hashable, Sendable {
    /// A value starts with a byte that is not `+ - : $ *`.
    case unknownType(UInt8)
    /// A CR not followed by LF, or an LF without a CR before it.
    case invalidLineEnding
    /// An integer line that is not an optional `-` and 1-19 digits, or overflows Int64.
    case invalidInteger
    /// A bulk or array length below -1 or not a number.
    case invalidLength
    /// Bulk string data not followed by CRLF.
    case missingBulkTerminator
    /// A line longer than `RESPLimits.maxLineLength`.
    case lineTooLong(limit: Int)
    /// A bulk string declared longer than `RESPLimits.maxBulkLength`.
    case bulkTooLong(length: Int, limit: Int)
    /// An array declared with more than `RESPLimits.maxArrayElements` elements.
    case tooManyElements(count: Int, limit: Int)
    /// Arrays nested deeper than `RESPLimits.maxDepth`.
    case nestingTooDeep(limit: Int)
    /// A value over `RESPLimits.maxValueBytes` on the wire.
    case valueTooLarge(limit: Int)
}

extension RESPError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .unknownType(let byte): "unknown RESP type byte 0x\(String(byte, radix: 16))"
        case .invalidLineEnding: "line not terminated by CRLF"
        case .invalidInteger: "malformed integer"
        case .invalidLength: "malformed length"
        case .missingBulkTerminator: "bulk string not followed by CRLF"
        case .lineTooLong(let limit): "line over \(limit) bytes"
        case .bulkTooLong(let length, let limit): "bulk string of \(length) bytes over the \(limit)-byte limit"
        case .tooManyElements(let count, let limit): "array of \(count) elements over the \(limit)-element limit"
        case .nestingTooDeep(let limit): "arrays nested deeper than \(limit)"
        case .valueTooLarge(let limit): "value over \(limit) bytes"
        }
    }
}
