import ChatWire

/// `joined` replies: a room entered for the first time, or resumed after a
/// reconnect with what was missed meanwhile.
extension ChatSession {
    mutating func joined(_ joined: ChatEvent.Joined) -> [Output] {
        guard let room = RoomName(joined.room) else { return [] }
        let reason = pendingJoins.removeValue(forKey: room) ?? .requested
        switch tracker.joined(joined.room, seq: joined.seq, history: joined.history) {
        case .restarted(let previous, let current) where current > 0:
            // The replay after our old seq came back empty; ask again from the start.
            return [.show(.roomRestarted(room: joined.room, previous: previous, current: current)), join(room, reason)]
        case .restarted(let previous, let current):
            return [.show(.roomRestarted(room: joined.room, previous: previous, current: current))]
                + completeJoin(room, reason, members: joined.members, messages: [], missing: nil, comparable: false)
        case .caughtUp(let messages, let missing):
            return completeJoin(room, reason, members: joined.members, messages: messages, missing: missing)
        }
    }

    /// `comparable` is false after a reset, when "nothing missed" cannot be said.
    private mutating func completeJoin(
        _ room: RoomName, _ reason: JoinReason, members: Int, messages: [ChatMessage], missing: ClosedRange<UInt64>?,
        comparable: Bool = true
    ) -> [Output] {
        if !rooms.contains(room) { rooms.append(room) }
        var out: [Output]
        switch reason {
        case .requested:
            current = room
            out = [.show(.joinedRoom(room.value, members: members))]
        case .resumed:
            out = [.show(.rejoinedRoom(room.value, recovered: comparable ? messages.count : nil))]
        }
        if let missing { out.append(.show(.messagesLost(room: room.value, missing))) }
        for message in messages { names[message.id] = message.name }
        return out + messages.map { .show(.message($0, own: $0.id == myID)) }
    }
}
