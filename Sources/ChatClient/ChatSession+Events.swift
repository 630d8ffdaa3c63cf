import ChatWire

/// What the server's events mean for the session.
extension ChatSession {
    /// One text frame: a chat event, or anything else shown as it came.
    public mutating func receive(text: String) -> [Output] {
        guard let event = ChatEvent(text: text) else { return [.show(.unrecognised(text))] }
        return receive(event)
    }

    public mutating func receive(_ event: ChatEvent) -> [Output] {
        switch event {
        case .welcome(let id, let name, _): welcome(id: id, name: name)
        case .joined(let joined): self.joined(joined)
        case .reset, .refreshed: []
        case .left(let room, _): left(room)
        case .presence(let room, let change, let member): presence(room: room, change: change, member: member)
        case .message(let message): received(message)
        case .broadcast(let broadcast): [.show(.broadcast(broadcast, own: broadcast.id == myID))]
        case .rooms(let list, _, _): [.show(.roomList(list))]
        case .who(let room, let members, _, _): [.show(.members(room: room, names: members.map(label)))]
        case .nick(let name, _): renamed(name)
        case .ack: []
        case .error(let error): failed(error)
        }
    }

    private mutating func welcome(id: String, name: String) -> [Output] {
        myID = id
        self.name = name
        names[id] = name
        let greeting: [Output] = hasConnected ? [] : [.show(.welcomed(name: name))]
        let requested = hasConnected ? pendingJoins.filter { $0.value == .requested }.map(\.key).sorted() : nil
        hasConnected = true
        pendingJoins = [:]
        let resumed = rooms.map { join($0, .resumed) }
        guard let requested else { return greeting + resumed + startupRooms.map { joinStartupRoom($0) } }
        return greeting + resumed + requested.map { join($0, .requested) }
    }

    private mutating func joinStartupRoom(_ room: String) -> Output {
        guard let name = RoomName(room) else { return ChatSession.badRoom }
        return join(name, .requested)
    }

    /// The join request for `room`, resuming after the last seq seen there.
    mutating func join(_ room: RoomName, _ reason: JoinReason) -> Output {
        pendingJoins[room] = reason
        return .send(ChatRequest(.join(room: room, since: tracker.since(room.value), epoch: nil), ref: Self.joinRef(room)))
    }

    /// The `ref` a join carries, so an `error` answering it names the room.
    static func joinRef(_ room: RoomName) -> ChatRequest.Ref { .string("join:" + room.value) }

    private mutating func left(_ room: String) -> [Output] {
        rooms.removeAll { $0.value == room }
        if current?.value == room { current = rooms.last }
        return [.show(.leftRoom(room))]
    }

    private mutating func presence(room: String, change: ChatEvent.PresenceChange, member: ChatMember) -> [Output] {
        let previous = names[member.id]
        names[member.id] = member.name
        switch change {
        case .join: return [.show(.presence(room: room, name: member.name, change: .joined))]
        case .leave: return [.show(.presence(room: room, name: member.name, change: .left))]
        // A rename reaches us once per shared room; tell it once.
        case .nick:
            guard previous != member.name else { return [] }
            return [.show(.presence(room: room, name: member.name, change: .renamed(from: previous)))]
        }
    }

    private mutating func received(_ message: ChatMessage) -> [Output] {
        names[message.id] = message.name
        let shown = Output.show(.message(message, own: message.id == myID))
        switch tracker.received(message) {
        case .fresh: return [shown]
        case .afterGap(let missing): return [.show(.messagesLost(room: message.room, missing)), shown]
        case .duplicate: return []
        }
    }

    private mutating func renamed(_ name: String) -> [Output] {
        self.name = name
        if let myID { names[myID] = name }
        return [.show(.renamed(name))]
    }

    private mutating func failed(_ error: ChatError) -> [Output] {
        if case .string(let ref)? = error.ref, ref.hasPrefix("join:"), let room = RoomName(String(ref.dropFirst(5))) {
            pendingJoins[room] = nil
            if rooms.contains(room) { _ = left(room.value) }
        }
        return [.show(.refused(error))]
    }

    private func label(_ member: ChatMember) -> String {
        member.id == myID ? member.name + " (you)" : member.name
    }
}
