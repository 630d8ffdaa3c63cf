/// Messages, broadcasts, nicknames and the listings.
///
/// - `message` without `room` goes to the current room (`no_room` when there
///   is none); to a room the sender has not joined it is `not_member`. It is
///   numbered, stored in the room's history and encoded once for all members,
///   sender included; with a `ref` the sender then gets `ack` with the seq.
/// - `broadcast` goes to every connected chat client, in rooms or not, and
///   is not stored in any history; with a `ref`, `ack` without seq follows.
/// - `nick` replies `nick` to the sender and sends presence `nick` to the
///   other members of each room it is in; setting the same name again
///   replies but sends no presence.
/// - `rooms` lists every room, sorted by name, with its member count.
/// - `who` defaults to the current room, requires membership, and lists
///   members in connection order (ascending id serial).
extension ChatState {
    mutating func message(_ id: ClientID, text: String, room: RoomName?, ref: ChatRequest.Ref?, now: Moment)
        -> [Delivery] {
        guard let client = clients[id] else { return [] }
        guard let target = room ?? client.currentRoom else {
            return [reply(id, .error(ChatError(.noRoom, "join a room first, or name one", ref: ref)))]
        }
        guard client.rooms.contains(target), let seq = rooms[target]?.nextSeq() else {
            return [reply(id, .error(ChatError(.notMember, "not a member of \(target)", ref: ref)))]
        }
        let event = ChatEvent.message(
            room: target, seq: seq, id: id, name: client.name, text: text, ts: now.epochMillis)
        let payload = event.payload
        let frame = ChatEvent.frame(payload: payload)
        rooms[target]?.history.append(frame[(frame.count - payload.count)...])
        statistics.messagesReceived += 1
        var out = [Delivery(recipients: rooms[target]?.members.ids ?? [], action: .frame(frame))]
        if let ref { out.append(reply(id, .ack(ref: ref, seq: seq))) }
        return out
    }

    mutating func broadcast(_ id: ClientID, text: String, ref: ChatRequest.Ref?, now: Moment) -> [Delivery] {
        guard let name = clients[id]?.name else { return [] }
        let event = ChatEvent.broadcast(id: id, name: name, text: text, ts: now.epochMillis)
        statistics.messagesReceived += 1
        var out = [Delivery(recipients: everyone, action: .frame(event.frame))]
        if let ref { out.append(reply(id, .ack(ref: ref, seq: nil))) }
        return out
    }

    mutating func nick(_ id: ClientID, name: Nickname, ref: ChatRequest.Ref?) -> [Delivery] {
        guard let oldName = clients[id]?.name, let joined = clients[id]?.rooms else { return [] }
        clients[id]?.name = name
        var out = [reply(id, .nick(name: name, ref: ref))]
        guard name != oldName else { return out }
        for room in joined {
            if let presence = presence(.nick, in: room, id: id, name: name) { out.append(presence) }
        }
        return out
    }

    func roomList() -> [(room: RoomName, members: Int)] {
        rooms.map { (room: $0.key, members: $0.value.members.count) }.sorted { $0.room < $1.room }
    }

    func who(_ id: ClientID, room: RoomName?, ref: ChatRequest.Ref?) -> [Delivery] {
        guard let target = room ?? clients[id]?.currentRoom else {
            return [reply(id, .error(ChatError(.noRoom, "join a room first, or name one", ref: ref)))]
        }
        guard let members = rooms[target]?.members, members.contains(id) else {
            return [reply(id, .error(ChatError(.notMember, "not a member of \(target)", ref: ref)))]
        }
        let listing = members.ids.sorted().map { (id: $0, name: clients[$0]?.name ?? Nickname.guest($0)) }
        return [reply(id, .who(room: target, members: listing, ref: ref))]
    }
}
