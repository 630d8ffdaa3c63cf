/// Joining and leaving rooms, and the presence events that go with it.
///
/// - `join` makes the room current. Joining a room already joined is
///   idempotent: it replies `joined` again (with the `since` replay) and
///   makes the room current, without presence.
/// - The current room is the most recently (re)joined room still joined:
///   leaving it makes the previous one current, or none.
/// - Presence (`join`/`leave`/`nick`) goes to the other members only, in
///   rooms whose member count, the subject included, is at most
///   `presenceLimit`: a join storm into a big room would cost members²
///   deliveries. `who` still lists everyone.
/// - A room exists while it has members: when the last one leaves, the room
///   is forgotten with its seq and history (a client that comes back with
///   `since` sees `seq` lower than its `since` and knows the room restarted).
extension ChatState {
    mutating func join(_ id: ClientID, room: RoomName, since: UInt64?, ref: ChatRequest.Ref?) -> [Delivery] {
        guard let joinedCount = clients[id]?.rooms.count else { return [] }
        if let position = clients[id]?.rooms.firstIndex(of: room) {
            clients[id]?.rooms.remove(at: position)
            clients[id]?.rooms.append(room)
            return [joinedReply(id, room: room, since: since, ref: ref)]
        }
        guard joinedCount < config.maxRoomsPerClient else {
            let message = "at most \(config.maxRoomsPerClient) rooms at once"
            return [reply(id, .error(ChatError(.tooManyRooms, message, ref: ref)))]
        }
        clients[id]?.rooms.append(room)
        rooms[room, default: RoomState(historySize: config.historySize)].members.insert(id)
        var out = [joinedReply(id, room: room, since: since, ref: ref)]
        if let name = clients[id]?.name, let presence = presence(.join, in: room, id: id, name: name) {
            out.append(presence)
        }
        return out
    }

    mutating func leave(_ id: ClientID, room: RoomName, ref: ChatRequest.Ref?) -> [Delivery] {
        guard let name = clients[id]?.name, let position = clients[id]?.rooms.firstIndex(of: room) else {
            return [reply(id, .error(ChatError(.notMember, "not a member of \(room)", ref: ref)))]
        }
        clients[id]?.rooms.remove(at: position)
        var out = [reply(id, .left(room: room, ref: ref))]
        if let presence = removeMember(id, named: name, from: room) { out.append(presence) }
        return out
    }

    /// Takes `id` out of `room`'s member set; returns the presence `leave`
    /// for the remaining members, if the room is small enough to get one.
    mutating func removeMember(_ id: ClientID, named name: Nickname, from room: RoomName) -> Delivery? {
        guard let countBefore = rooms[room]?.members.count, rooms[room]?.members.remove(id) == true else {
            return nil
        }
        guard countBefore > 1 else {
            rooms[room] = nil
            return nil
        }
        guard countBefore <= config.presenceLimit, let remaining = rooms[room]?.members.ids else { return nil }
        let event = ChatEvent.presence(room: room, change: .leave, id: id, name: name)
        return Delivery(recipients: remaining, action: .frame(event.frame))
    }

    /// A presence event about member `id` of `room` for the other members,
    /// or nil when there are none or the room is over the presence limit.
    func presence(_ change: ChatEvent.PresenceChange, in room: RoomName, id: ClientID, name: Nickname) -> Delivery? {
        guard let members = rooms[room]?.members, members.count > 1, members.count <= config.presenceLimit else {
            return nil
        }
        let others = members.ids.filter { $0 != id }
        let event = ChatEvent.presence(room: room, change: change, id: id, name: name)
        return Delivery(recipients: others, action: .frame(event.frame))
    }

    private func joinedReply(_ id: ClientID, room: RoomName, since: UInt64?, ref: ChatRequest.Ref?) -> Delivery {
        let state = rooms[room]
        let seq = state?.seq ?? 0
        let history = state?.history.replay(since: since, seq: seq) ?? []
        let members = state?.members.count ?? 0
        return reply(id, .joined(room: room, members: members, seq: seq, history: history, ref: ref))
    }
}
