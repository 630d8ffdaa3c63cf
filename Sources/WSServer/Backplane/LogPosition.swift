import ChatWire

/// A place in a room's log: the epoch of its numbering and a seq in it.
public struct LogPosition: Sendable, Equatable, CustomStringConvertible {
    public var epoch: Epoch
    public var seq: UInt64

    public init(epoch: Epoch, seq: UInt64) {
        self.epoch = epoch
        self.seq = seq
    }

    public var description: String { "\(epoch)/\(seq)" }
}
