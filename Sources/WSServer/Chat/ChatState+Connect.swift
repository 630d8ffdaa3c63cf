import ChatWire

/// Clients arriving and leaving.
extension ChatState {
    /// A new chat client: `welcome` first (always the first frame a client
    /// receives), then for a bad `name` an `error` (`bad_name`, the default
    /// `guest-<serial>` kept), then a join per query room, in order, repeats
    /// dropped and at most `maxRoomsPerClient` of them (`too_many_rooms` for
    /// the rest). `since` and `epoch` apply only when exactly one room is
    /// given. An authenticated client's name comes from its token; `name` is
    /// ignored. Query errors carry no `ref`. A known id is ignored.
    public mutating func connect(
        _ id: ClientID, name: String?, rooms roomNames: [String], since: UInt64? = nil, epoch: Epoch? = nil,
        identity: ClientIdentity? = nil, displayName: Nickname? = nil, now: Moment
    ) -> [Delivery] {
        collecting { state in
            guard state.clients[id] == nil else { return }
            let chosen = identity == nil ? name.flatMap { Nickname($0) } : nil
            let nickname = displayName ?? chosen ?? Nickname.guest(serial: id.serial)
            let client = ClientState(
                name: nickname, publicID: state.config.idPrefix + "c\(id.serial)", identity: identity,
                position: state.everyone.count, now: now.uptimeNanos)
            state.clients[id] = client
            state.everyone.append(id)
            state.reply(id, .welcome(id: client.publicID, name: nickname.value, user: identity?.user))
            if identity == nil, name != nil, chosen == nil {
                state.replyError(id, .badName, ChatError.badNameMessage, ref: nil)
            }
            state.joinFromQuery(id, roomNames, since: since, epoch: epoch, now: now)
        }
    }

    private mutating func joinFromQuery(_ id: ClientID, _ roomNames: [String], since: UInt64?, epoch: Epoch?, now: Moment) {
        var seen = Set<String>()
        let unique = roomNames.filter { seen.insert($0).inserted }
        let replay = unique.count == 1
        for raw in unique.prefix(config.maxRoomsPerClient) {
            guard let room = RoomName(raw) else {
                replyOrDefer(id, ChatError(.badRoom, ChatError.badRoomMessage))
                continue
            }
            let request = ChatRequest(.join(room: room, since: replay ? since : nil, epoch: replay ? epoch : nil))
            runOrDefer(id, request, now: now)
        }
        if unique.count > config.maxRoomsPerClient {
            replyOrDefer(id, ChatError(.tooManyRooms, "at most \(config.maxRoomsPerClient) rooms at once"))
        }
    }

    /// The client is gone: it leaves every room at once (presence `leave`
    /// to the others through the backplane). Answers still on their way to
    /// it are dropped when they arrive. Idempotent.
    public mutating func disconnect(_ id: ClientID, now: Moment) -> [Delivery] {
        collecting { state in
            guard let client = state.clients.removeValue(forKey: id) else { return }
            let moved = state.everyone.removeLast()
            if moved != id {
                state.everyone[client.position] = moved
                state.clients[moved]?.position = client.position
            }
            for room in client.rooms { state.removeFromRoom(id, member: client.member, room: room) }
        }
    }
}
