import ChatWire

/// A room as one node sees it while it has local members: who here gets the
/// room's events, who is still joining, the feed that orders the events,
/// and the acks owed to senders once their message has gone by.
struct LocalRoom: Sendable {
    /// Members that receive the room's events (their `joined` was sent).
    var members = MemberSet()
    /// Clients joining, by public id (presence markers name them so).
    var joiners: [String: Joiner] = [:]
    var feed = RoomFeed()
    /// The room's member count on every node, from the latest presence
    /// notice: it decides whether presence is shown and what joins cost.
    var memberCount = 0
    /// Acks owed: sent once the feed has delivered the message's seq.
    var acks: [PendingAck] = []

    var isEmpty: Bool { members.isEmpty && joiners.isEmpty }

    /// Joiners that keep the events the feed delivers: those whose marker
    /// passed, and re-joiners (see `Joiner.missed`).
    var hasHoldingJoiners: Bool { joiners.values.contains { $0.isMarked || $0.wasMember } }
}

/// An `ack` waiting for its message to be delivered.
struct PendingAck: Sendable {
    var seq: UInt64
    var client: ClientID
    var ref: ChatRequest.Ref
}
