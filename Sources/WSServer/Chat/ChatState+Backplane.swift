import ChatWire

/// Answers and events from the backplane.
extension ChatState {
    /// One event from the backplane: room traffic goes through the room's
    /// feed; answers are matched to what asked for them. Answers for clients
    /// that have gone since are dropped.
    public mutating func apply(_ event: BackplaneEvent, now: Moment) -> [Delivery] {
        collecting { state in
            switch event {
            case .room(let room, let roomEvent): state.receive(roomEvent, in: room)
            case .broadcast(let body, let ticket): state.receiveBroadcast(body: body, ticket: ticket)
            case .joined(let room, let memberID, let info): state.joinAnswered(room, memberID: memberID, info)
            case .joinFailed(let room, let memberID): state.joinFailed(room, memberID: memberID)
            case .published(let ticket, let position): state.published(ticket: ticket, at: position)
            case .listed(let ticket, let listing): state.listed(ticket: ticket, listing)
            case .failed(let ticket): state.failed(ticket: ticket)
            case .fetched(let room, let epoch, let messages): state.fetched(room, epoch: epoch, messages)
            case .history(let ticket, let position, let messages): state.history(ticket: ticket, at: position, messages)
            case .disconnect(let target): state.disconnect(target)
            case .done(let ticket): state.done(ticket: ticket)
            case .availability(let available): state.backplaneAvailable = available
            }
        }
    }

    private mutating func receiveBroadcast(body: [UInt8], ticket: UInt64?) {
        var writer = JSONWriter(capacity: body.count + 24)
        writer.beginObject()
        writer.field("type", ascii: "broadcast")
        writer.rawFields(body)
        writer.endObject()
        deliver(PreparedEvent(payload: writer.bytes), to: everyone)
        switch ticket.flatMap({ pending.removeValue(forKey: $0) }) {
        case .broadcast(let client, let ref?)? where clients[client] != nil: reply(client, .ack(ref: ref, seq: nil))
        case .api(let connection, _)?: respond(connection, APIReply.empty)
        case .broadcast?, .message?, .rooms?, .who?, nil: return
        }
    }

    /// A message was numbered: its ack waits until the feed has delivered it.
    private mutating func published(ticket: UInt64, at position: LogPosition) {
        switch pending.removeValue(forKey: ticket) {
        case .message(let client, let room, let ref?)? where clients[client] != nil:
            if let delivered = rooms[room]?.feed.position?.seq, delivered < position.seq {
                rooms[room]?.acks.append(PendingAck(seq: position.seq, client: client, ref: ref))
            } else {
                reply(client, .ack(ref: ref, seq: position.seq))
            }
        case .api(let connection, .publish(let room))?:
            respond(connection, APIReply.published(room, at: position))
        case .message?, .broadcast?, .rooms?, .who?, .api?, nil:
            return
        }
    }

    private mutating func listed(ticket: UInt64, _ listing: Listing) {
        switch (pending.removeValue(forKey: ticket), listing) {
        case (.rooms(let client, let ref)?, .rooms(let rooms, let total)) where clients[client] != nil:
            let counts = rooms.map { ChatEvent.RoomCount(room: $0.room, members: $0.members) }
            reply(client, .rooms(counts, total: total > rooms.count ? total : nil, ref: ref))
        case (.who(let client, _, let ref)?, .members(let room, let members, let total)) where clients[client] != nil:
            reply(client, .who(room: room.value, members: members, total: total > members.count ? total : nil, ref: ref))
        case (.api(let connection, _)?, .rooms(let rooms, let total)):
            respond(connection, APIReply.rooms(rooms, total: total))
        case (.api(let connection, _)?, .members(let room, let members, let total)):
            respond(connection, APIReply.members(room, members, total: total))
        case (.rooms?, _), (.who?, _), (.message?, _), (.broadcast?, _), (nil, _):
            return
        }
    }

    private mutating func history(ticket: UInt64, at position: LogPosition?, _ messages: [LoggedMessage]) {
        guard case .api(let connection, .history(let room))? = pending.removeValue(forKey: ticket) else { return }
        guard let position else {
            return respond(connection, APIError(.notFound, .noRoom, "room \(room) has no history").response)
        }
        respond(connection, APIReply.history(room, at: position, messages))
    }

    private mutating func done(ticket: UInt64) {
        guard case .api(let connection, _)? = pending.removeValue(forKey: ticket) else { return }
        respond(connection, APIReply.empty)
    }

    private mutating func failed(ticket: UInt64) {
        switch pending.removeValue(forKey: ticket) {
        case .message(let client, _, let ref)?, .broadcast(let client, let ref)?, .rooms(let client, let ref)?,
             .who(let client, _, let ref)?:
            guard clients[client] != nil else { return }
            replyError(client, .unavailable, ChatState.unavailableMessage, ref: ref)
        case .api(let connection, _)?:
            respond(connection, APIError.unavailable.response)
        case nil:
            return
        }
    }

    private mutating func fetched(_ room: RoomName, epoch: Epoch, _ messages: [LoggedMessage]) {
        guard var local = rooms[room] else { return }
        let step = local.feed.fill(epoch: epoch, messages)
        rooms[room] = local
        process(step, in: room)
    }
}
