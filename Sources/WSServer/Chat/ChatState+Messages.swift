import ChatWire

/// Messages, broadcasts, nicknames and the listings.
///
/// - `message` without `room` goes to the current room (`no_room` when there
///   is none); to a room the sender has not joined it is `not_member`. The
///   backplane numbers and stores it, and it reaches every member (sender
///   included) through the room's feed; with a `ref` the sender then gets
///   `ack` with the seq. While the backplane is unreachable: `unavailable`.
/// - `broadcast` goes to every chat client of every node, in rooms or not,
///   and is not stored in any history; with a `ref`, `ack` without seq
///   follows it. It needs the `broadcast` claim on an authenticated client.
/// - `nick` replies `nick` to the sender and has the backplane tell every
///   room it is in; setting the same name again replies but tells nobody.
///   An authenticated client's name comes from its token: `forbidden`.
/// - `rooms` lists rooms with members, most members first; `who` lists a
///   room's members and requires membership; both at most `listingLimit`
///   entries, with `total` and `truncated` when there are more.
extension ChatState {
    mutating func message(_ id: ClientID, text: String, room: RoomName?, ref: ChatRequest.Ref?, now: Moment) {
        guard let client = clients[id] else { return }
        guard let target = room ?? client.currentRoom else {
            return replyError(id, .noRoom, "join a room first, or name one", ref: ref)
        }
        guard client.rooms.contains(target) else { return replyError(id, .notMember, "not a member of \(target)", ref: ref) }
        guard backplaneAvailable else { return replyError(id, .unavailable, ChatState.unavailableMessage, ref: ref) }
        let body = ChatMessage.body(
            id: client.publicID, name: client.name.value, text: text, ts: now.epochMillis, user: client.identity?.user)
        guard chargeEscaping(id, body: body, text: text, ref: ref, now: now) else { return }
        statistics.messagesReceived += 1
        issue(.publish(target, body: body, ticket: ticket(for: .message(id, room: target, ref: ref))))
    }

    mutating func broadcast(_ id: ClientID, text: String, ref: ChatRequest.Ref?, now: Moment) {
        guard let client = clients[id] else { return }
        if let identity = client.identity, !identity.mayBroadcast {
            return replyError(id, .forbidden, "your token does not allow broadcasts", ref: ref)
        }
        guard backplaneAvailable else { return replyError(id, .unavailable, ChatState.unavailableMessage, ref: ref) }
        let body = ChatMessage.body(
            id: client.publicID, name: client.name.value, text: text, ts: now.epochMillis, user: client.identity?.user)
        guard chargeEscaping(id, body: body, text: text, ref: ref, now: now) else { return }
        statistics.messagesReceived += 1
        issue(.broadcast(body: body, ticket: ticket(for: .broadcast(id, ref: ref))))
    }

    mutating func nick(_ id: ClientID, name: Nickname, ref: ChatRequest.Ref?) {
        guard let client = clients[id] else { return }
        guard client.identity == nil else {
            return replyError(id, .forbidden, "your name comes from your token", ref: ref)
        }
        clients[id]?.name = name
        reply(id, .nick(name: name.value, ref: ref))
        guard name != client.name, !client.rooms.isEmpty, let renamed = clients[id]?.member else { return }
        issue(.rename(renamed, rooms: client.rooms))
    }

    mutating func listRooms(_ id: ClientID, ref: ChatRequest.Ref?) {
        guard backplaneAvailable else { return replyError(id, .unavailable, ChatState.unavailableMessage, ref: ref) }
        issue(.listRooms(limit: config.listingLimit, positions: false, ticket: ticket(for: .rooms(id, ref: ref))))
    }

    mutating func who(_ id: ClientID, room: RoomName?, ref: ChatRequest.Ref?) {
        guard let target = room ?? clients[id]?.currentRoom else {
            return replyError(id, .noRoom, "join a room first, or name one", ref: ref)
        }
        guard clients[id]?.rooms.contains(target) == true else {
            return replyError(id, .notMember, "not a member of \(target)", ref: ref)
        }
        guard backplaneAvailable else { return replyError(id, .unavailable, ChatState.unavailableMessage, ref: ref) }
        issue(.listMembers(target, limit: config.listingLimit, ticket: ticket(for: .who(id, room: target, ref: ref))))
    }
}
