/// A command as Redis reads it: an array of bulk strings, the first one
/// naming the command (`SET key value` is `*3\r\n$3\r\nSET\r\n...`).
public struct RESPCommand: Hashable, Sendable {
    public var arguments: [RESPArgument]

    /// `RESPCommand("SET", "key", .bytes(value))`.
    public init(_ name: String, _ arguments: RESPArgument...) {
        self.arguments = [.string(name)] + arguments
    }

    /// A command whose arguments are built at run time (e.g. one SUBSCRIBE for many channels).
    public init(_ name: String, arguments: [RESPArgument]) {
        self.arguments = [.string(name)] + arguments
    }

    /// The command name, uppercased ("" if the first argument is an integer).
    public var name: String {
        arguments.first?.uppercasedName ?? ""
    }

    /// Bytes the encoded command takes, computed without encoding it.
    public var encodedCount: Int {
        arguments.reduce(RESPEncoder.arrayHeaderCount(count: arguments.count)) { $0 + $1.encodedCount }
    }

    /// Appends the command to `buffer`, ready to write to Redis.
    public func encode(into buffer: inout [UInt8]) {
        RESPEncoder.appendArrayHeader(count: arguments.count, to: &buffer)
        for argument in arguments {
            argument.encode(into: &buffer)
        }
    }

    /// The command on its own, for tests and one-off writes.
    public var encoded: [UInt8] {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(encodedCount)
        encode(into: &buffer)
        return buffer
    }
}
