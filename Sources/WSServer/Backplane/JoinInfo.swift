import ChatWire

/// The backplane's answer to a join: where the room's log stood when the
/// member was registered, the room's member count then, and the history to
/// replay (docs/protocol.md, "Epochs and recovery").
public struct JoinInfo: Sendable, Equatable {
    public var position: LogPosition
    public var members: Int
    /// Oldest first: the messages after `since` when recovered, otherwise
    /// everything the room's history still holds.
    public var history: [LoggedMessage]
    /// Nil when the join did not ask for recovery.
    public var recovered: Bool?

    public init(position: LogPosition, members: Int, history: [LoggedMessage], recovered: Bool?) {
        self.position = position
        self.members = members
        self.history = history
        self.recovered = recovered
    }

    /// The recovery verdict for a join with `since` (and maybe `epoch`)
    /// against a log at `position` whose history starts at `oldestSeq`
    /// (nil: empty): true when the epoch matches (or none was given and the
    /// log's seq is at least `since`) and nothing between `since` and the
    /// log's seq is missing from the history.
    public static func canRecover(
        since: UInt64, epoch: Epoch?, position: LogPosition, oldestSeq: UInt64?
    ) -> Bool {
        if let epoch, epoch != position.epoch { return false }
        guard since <= position.seq else { return false }
        guard since < position.seq else { return true }
        guard let oldestSeq else { return false }
        return oldestSeq <= since + 1
    }
}
