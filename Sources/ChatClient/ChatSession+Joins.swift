import ChatWire

/// Joins and their `joined` replies: a room entered for the first time, or
/// resumed after a reconnect with what was missed meanwhile.
extension ChatSession {
    /// Sends the join for `room`, remembering why.
    mutating func join(_ room: RoomName, _ reason: JoinReason) -> Output {
        pendingJoins[room] = reason
        return .send(joinRequest(room))
    }

    /// A join that resumes after the last seq seen in the room, in the
    /// epoch that seq counts in, so the server can tell whether it can
    /// replay exactly what was missed.
    func joinRequest(_ room: RoomName) -> ChatRequest {
        let epoch = tracker.epoch(room.value).flatMap(Epoch.init)
        return ChatRequest(.join(room: room, since: tracker.since(room.value), epoch: epoch), ref: Self.joinRef(room))
    }

    /// The `ref` a join carries, so an `error` answering it names the room.
    static func joinRef(_ room: RoomName) -> ChatRequest.Ref { .string("join:" + room.value) }

    /// The room a join `ref` names.
    static func room(joinRef ref: ChatRequest.Ref?) -> RoomName? {
        guard case .string(let text)? = ref, text.hasPrefix("join:") else { return nil }
        return RoomName(String(text.dropFirst(5)))
    }

    mutating func joined(_ joined: ChatEvent.Joined) -> [Output] {
        guard let room = RoomName(joined.room) else { return [] }
        let reason = pendingJoins.removeValue(forKey: room) ?? .requested
        joinRetries[room] = nil
        let entry = Entry(room: room, reason: reason, members: joined.members)
        switch tracker.joined(joined) {
        case .restarted(let previous, let current) where current > 0:
            // The replay after our old seq came back empty; ask again from the start.
            return [.show(.roomRestarted(room: joined.room, previous: previous, current: current)), join(room, reason)]
        case .restarted(let previous, let current):
            return [.show(.roomRestarted(room: joined.room, previous: previous, current: current))]
                + complete(entry, messages: [], missing: nil, comparable: false)
        case .caughtUp(let messages, let missing):
            return complete(entry, messages: messages, missing: missing)
        case .reset(let messages, let missing, let comparable):
            return complete(entry, messages: messages, missing: missing, comparable: comparable, recovered: false)
        }
    }

    /// A `joined` room, why it was joined and how many are in it.
    private struct Entry {
        var room: RoomName
        var reason: JoinReason
        var members: Int
    }

    /// `comparable` is false when the numbering changed and "nothing
    /// missed" cannot be said; `recovered` false when the server could not
    /// replay everything and the view starts over from what it sent.
    private mutating func complete(
        _ entry: Entry, messages: [ChatMessage], missing: ClosedRange<UInt64>?, comparable: Bool = true,
        recovered: Bool = true
    ) -> [Output] {
        let room = entry.room
        if !rooms.contains(room) { rooms.append(room) }
        var out: [Output]
        switch entry.reason {
        case .requested:
            current = room
            out = [.show(.joinedRoom(room.value, members: entry.members))]
        case .resumed:
            out = [.show(.rejoinedRoom(room.value, recovered: comparable ? messages.count : nil))]
        }
        if !recovered { out.append(.show(.historyNotRecovered(room: room.value))) }
        if let missing { out.append(.show(.messagesLost(room: room.value, missing))) }
        for message in messages { names[message.id] = message.name }
        return out + messages.map { .show(.message($0, own: $0.id == myID)) }
    }
}
