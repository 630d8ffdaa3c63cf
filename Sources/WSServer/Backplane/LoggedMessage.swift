/// A message as a room log keeps it: its seq and its complete `message`
/// event payload, ready to be framed or spliced into a `joined` reply.
public struct LoggedMessage: Sendable, Equatable {
    public var seq: UInt64
    public var payload: [UInt8]

    public init(seq: UInt64, payload: [UInt8]) {
        self.seq = seq
        self.payload = payload
    }
}
