/// One argument of a command. Redis receives every argument as a bulk
/// string; integers are sent as their decimal digits.
public enum RESPArgument: Hashable, Sendable, ExpressibleByStringInterpolation, ExpressibleByIntegerLiteral {
    case bytes([UInt8])
    case string(String)
    case integer(Int64)

    public init(stringLiteral value: String) {
        self = .string(value)
    }

    public init(stringInterpolation: DefaultStringInterpolation) {
        self = .string(String(stringInterpolation: stringInterpolation))
    }

    public init(integerLiteral value: Int64) {
        self = .integer(value)
    }

    /// Bytes this argument takes on the wire.
    public var encodedCount: Int {
        switch self {
        case .bytes(let bytes): RESPEncoder.bulkCount(length: bytes.count)
        case .string(let text): RESPEncoder.bulkCount(length: text.utf8.count)
        case .integer(let value): RESPEncoder.bulkCount(length: RESPEncoder.decimalCount(value))
        }
    }

    /// Appends the argument as a bulk string.
    public func encode(into buffer: inout [UInt8]) {
        switch self {
        case .bytes(let bytes): RESPEncoder.appendBulk(bytes, to: &buffer)
        case .string(let text): RESPEncoder.appendBulk(text.utf8, to: &buffer)
        case .integer(let value): RESPEncoder.appendBulk(decimal: value, to: &buffer)
        }
    }

    /// The argument as Redis sees it, uppercased if it is ASCII letters: a
    /// command name to compare. Nil for integers.
    public var uppercasedName: String? {
        switch self {
        case .bytes(let bytes): String(decoding: bytes, as: UTF8.self).uppercased()
        case .string(let text): text.uppercased()
        case .integer: nil
        }
    }
}
