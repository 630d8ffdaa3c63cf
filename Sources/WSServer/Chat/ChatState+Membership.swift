import ChatWire

/// Joining and leaving rooms.
///
/// - `join` makes the room current at once. It registers the client with
///   the backplane and answers `joined` once the backplane has answered and
///   the client's own presence marker has passed the room's feed (see
///   `Joiner`); the client's later requests wait until then, so they take
///   effect in the order sent. Joining a room already joined is idempotent:
///   a fresh `joined` (with the `since` replay), no presence.
/// - The current room is the most recently (re)joined room still joined:
///   leaving it makes the previous one current, or none.
/// - Presence (`join`/`leave`/`nick`) goes to the other members only, in
///   rooms whose member count, the subject included, is at most
///   `presenceLimit`: a join storm into a big room would cost members²
///   deliveries. `who` still lists everyone.
extension ChatState {
    mutating func join(_ id: ClientID, room: RoomName, since: UInt64?, epoch: Epoch?, ref: ChatRequest.Ref?) {
        guard let client = clients[id] else { return }
        let rejoin = client.rooms.contains(room)
        guard rejoin || client.rooms.count < config.maxRoomsPerClient else {
            return replyError(id, .tooManyRooms, "at most \(config.maxRoomsPerClient) rooms at once", ref: ref)
        }
        if let identity = client.identity, !identity.mayJoin(room) {
            return replyError(id, .forbidden, "your token does not allow room \(room)", ref: ref)
        }
        guard backplaneAvailable else { return replyError(id, .unavailable, ChatState.unavailableMessage, ref: ref) }
        clients[id]?.rooms.removeAll { $0 == room }
        clients[id]?.rooms.append(room)
        clients[id]?.isJoining = true
        var local = rooms[room] ?? LocalRoom()
        if rejoin { local.members.remove(id) }
        local.joiners[client.publicID] = Joiner(client: id, ref: ref, wasMember: rejoin)
        rooms[room] = local
        issue(.join(JoinRequest(room: room, member: client.member, since: since, epoch: epoch, announce: !rejoin)))
    }

    mutating func leave(_ id: ClientID, room: RoomName, ref: ChatRequest.Ref?) {
        guard let client = clients[id], client.rooms.contains(room) else {
            return replyError(id, .notMember, "not a member of \(room)", ref: ref)
        }
        clients[id]?.rooms.removeAll { $0 == room }
        removeFromRoom(id, member: client.member, room: room)
        reply(id, .left(room: room.value, ref: ref))
    }

    /// Takes the client out of the room here and in the backplane, which
    /// tells the other members.
    mutating func removeFromRoom(_ id: ClientID, member: ChatMember, room: RoomName) {
        guard var local = rooms[room] else { return }
        local.members.remove(id)
        local.joiners[member.id] = nil
        local.acks.removeAll { $0.client == id }
        rooms[room] = local.isEmpty ? nil : local
        issue(.leave(room, member: member))
    }

    /// The backplane registered a joiner: half of what it waits for.
    mutating func joinAnswered(_ room: RoomName, memberID: String, _ info: JoinInfo) {
        guard rooms[room]?.joiners[memberID] != nil else { return }
        rooms[room]?.joiners[memberID]?.info = info
        completeJoinIfReady(room, memberID: memberID)
    }

    /// The joiner's own presence marker passed the feed: the other half.
    mutating func joinMarked(_ room: RoomName, memberID: String) {
        guard rooms[room]?.joiners[memberID] != nil else { return }
        rooms[room]?.joiners[memberID]?.isMarked = true
        completeJoinIfReady(room, memberID: memberID)
    }

    private mutating func completeJoinIfReady(_ room: RoomName, memberID: String) {
        guard let joiner = rooms[room]?.joiners[memberID], joiner.isComplete, let info = joiner.info else { return }
        rooms[room]?.joiners[memberID] = nil
        rooms[room]?.members.insert(joiner.client)
        rooms[room]?.memberCount = info.members
        deliver(joinedReply(room, joiner: joiner, info: info), to: [joiner.client])
        for event in joiner.held { deliver(event, to: [joiner.client]) }
        finishJoining(joiner.client)
    }

    /// The backplane could not register the joiner: `unavailable`, and the
    /// client is where it was before: after a re-join a member again, given
    /// the room's events it was kept from meanwhile, in order.
    mutating func joinFailed(_ room: RoomName, memberID: String) {
        guard let joiner = rooms[room]?.joiners.removeValue(forKey: memberID) else { return }
        if joiner.wasMember {
            rooms[room]?.members.insert(joiner.client)
            for event in joiner.missed + joiner.held { deliver(event, to: [joiner.client]) }
        } else {
            clients[joiner.client]?.rooms.removeAll { $0 == room }
            if rooms[room]?.isEmpty == true { rooms[room] = nil }
        }
        replyError(joiner.client, .unavailable, ChatState.unavailableMessage, ref: joiner.ref)
        finishJoining(joiner.client)
    }

    private mutating func finishJoining(_ id: ClientID) {
        clients[id]?.isJoining = false
        runDeferred(id)
    }

    /// The `joined` reply, its replay trimmed to the newest messages that fit
    /// one reply (then `recovered` is false if a recovery lost messages).
    private func joinedReply(_ room: RoomName, joiner: Joiner, info: JoinInfo) -> PreparedEvent {
        let fixed = ChatEvent.joinedOverhead + room.value.utf8.count + ChatState.writtenSize(of: joiner.ref)
        let budget = config.maxReplyBytes - fixed
        var bytes = 0
        var kept = 0
        for message in info.history.reversed() {
            guard bytes + message.payload.count + 1 <= budget else { break }
            bytes += message.payload.count + 1
            kept += 1
        }
        let recovered = kept < info.history.count && info.recovered == true ? false : info.recovered
        return PreparedEvent(payload: ChatEvent.joinedPayload(
            room: room.value, members: info.members, seq: info.position.seq, epoch: info.position.epoch.value,
            history: info.history.suffix(kept).map(\.payload), recovered: recovered, ref: joiner.ref))
    }

    /// Bytes the `ref` field takes in a reply: a string ref is escaped, six
    /// bytes for each control character, so its text's length is not enough.
    private static func writtenSize(of ref: ChatRequest.Ref?) -> Int {
        var writer = JSONWriter()
        writer.field(ref: ref)
        return writer.bytes.count
    }
}
