import ChatWire

/// What a join asks of the backplane: register `member` in `room` and
/// answer with the room's position and the history to replay.
public struct JoinRequest: Sendable, Equatable {
    public var room: RoomName
    public var member: ChatMember
    /// Replay after this seq (recovery), in `epoch` when the client gave one.
    public var since: UInt64?
    public var epoch: Epoch?
    /// False for a re-join of a member: no presence `join` for the others.
    public var announce: Bool

    public init(room: RoomName, member: ChatMember, since: UInt64?, epoch: Epoch?, announce: Bool) {
        self.room = room
        self.member = member
        self.since = since
        self.epoch = epoch
        self.announce = announce
    }
}
