import ChatWire

/// A change of a room's membership as the backplane publishes it to every
/// node serving the room: who, what, the room's member count (after a join,
/// before a leave, so it counts the subject), and for joins the room's log
/// position at that moment, which lets each node's feed check that it has
/// every message before it.
public struct PresenceNotice: Sendable, Equatable {
    public var change: ChatEvent.PresenceChange
    public var member: ChatMember
    public var members: Int
    public var position: LogPosition?
    /// False for a silent re-registration: no `presence` event is shown.
    public var announce: Bool

    public init(
        change: ChatEvent.PresenceChange, member: ChatMember, members: Int, position: LogPosition?, announce: Bool
    ) {
        self.change = change
        self.member = member
        self.members = members
        self.position = position
        self.announce = announce
    }
}
