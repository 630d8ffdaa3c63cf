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
        case .welcome(let id, let name, let user): welcome(id: id, name: name, user: user)
        case .joined(let joined): self.joined(joined)
        case .reset(let room, let epoch, let seq): reset(room, epoch: epoch, seq: seq)
        case .refreshed, .ack: []
        case .left(let room, _): left(room)
        case .presence(let room, let change, let member): presence(room: room, change: change, member: member)
        case .message(let message): received(message)
        case .broadcast(let broadcast): [.show(.broadcast(broadcast, own: broadcast.id == myID))]
        case .rooms(let list, let total, _): [.show(.roomList(list, total: total))]
        case .who(let room, let members, let total, _): [.show(.members(room: room, members: members, ownID: myID, total: total))]
        case .nick(let name, _): renamed(name)
        case .error(let error): failed(error)
        }
    }

    private mutating func welcome(id: String, name: String, user: String?) -> [Output] {
        myID = id
        self.name = name
        self.user = user
        names[id] = name
        let greeting: [Output] = hasConnected ? [] : [.show(.welcomed(name: name, user: user))]
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

    /// The room's history was lost while we were in it: its numbering
    /// starts over from `seq` in `epoch`, and anything before is gone.
    private mutating func reset(_ room: String, epoch: String, seq: UInt64) -> [Output] {
        guard rooms.contains(where: { $0.value == room }) else { return [] }
        tracker.reset(room, epoch: epoch, seq: seq)
        return [.show(.historyLost(room: room))]
    }

    private mutating func left(_ room: String) -> [Output] {
        rooms.removeAll { $0.value == room }
        if current?.value == room { current = rooms.last }
        return [.show(.leftRoom(room))]
    }

    private mutating func presence(room: String, change: ChatEvent.PresenceChange, member: ChatMember) -> [Output] {
        let previous = names[member.id]
        names[member.id] = member.name
        switch change {
        case .join: return [.show(.presence(room: room, member: member, change: .joined))]
        case .leave: return [.show(.presence(room: room, member: member, change: .left))]
        // A rename reaches us once per shared room; tell it once.
        case .nick:
            guard previous != member.name else { return [] }
            return [.show(.presence(room: room, member: member, change: .renamed(from: previous)))]
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

    /// A refused join is forgotten; one the server could not do yet
    /// (`unavailable`: its backplane is unreachable) is tried again later.
    private mutating func failed(_ error: ChatError) -> [Output] {
        guard let room = Self.room(joinRef: error.ref), pendingJoins[room] != nil else {
            return [.show(error.code == .unavailable ? .notDelivered : .refused(error))]
        }
        guard error.code == .unavailable else {
            pendingJoins[room] = nil
            if rooms.contains(room) { _ = left(room.value) }
            return [.show(.refused(error))]
        }
        var backoff = joinRetries[room] ?? retryPolicy
        let delay = backoff.nextDelay()
        joinRetries[room] = backoff
        return [.show(.joinRetry(room: room.value, after: delay)), .sendLater(joinRequest(room), after: delay)]
    }
}
