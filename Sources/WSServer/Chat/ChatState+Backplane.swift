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
            case .published(let ticket, let seq): state.published(ticket: ticket, seq: seq)
            case .listed(let ticket, let listing): state.listed(ticket: ticket, listing)
            case .failed(let ticket): state.failed(ticket: ticket)
            case .fetched(let room, let epoch, let messages): state.fetched(room, epoch: epoch, messages)
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
        guard let ticket, case .broadcast(let client, let ref)? = pending.removeValue(forKey: ticket) else { return }
        if let ref, clients[client] != nil { reply(client, .ack(ref: ref, seq: nil)) }
    }

    /// A message was numbered: its ack waits until the feed has delivered it.
    private mutating func published(ticket: UInt64, seq: UInt64?) {
        guard case .message(let client, let room, let ref)? = pending[ticket] else { return }
        pending[ticket] = nil
        guard let ref, let seq, clients[client] != nil else { return }
        if let delivered = rooms[room]?.feed.position?.seq, delivered < seq {
            rooms[room]?.acks.append(PendingAck(seq: seq, client: client, ref: ref))
        } else {
            reply(client, .ack(ref: ref, seq: seq))
        }
    }

    private mutating func listed(ticket: UInt64, _ listing: Listing) {
        guard let asked = pending.removeValue(forKey: ticket), clients[asked.client] != nil else { return }
        switch listing {
        case .rooms(let rooms, let total):
            reply(asked.client, .rooms(rooms, total: total > rooms.count ? total : nil, ref: asked.ref))
        case .members(let room, let members, let total):
            reply(asked.client, .who(
                room: room.value, members: members, total: total > members.count ? total : nil, ref: asked.ref))
        }
    }

    private mutating func failed(ticket: UInt64) {
        guard let asked = pending.removeValue(forKey: ticket), clients[asked.client] != nil else { return }
        replyError(asked.client, .unavailable, ChatState.unavailableMessage, ref: asked.ref)
    }

    private mutating func fetched(_ room: RoomName, epoch: Epoch, _ messages: [LoggedMessage]) {
        guard var local = rooms[room] else { return }
        let step = local.feed.fill(epoch: epoch, messages)
        rooms[room] = local
        process(step, in: room)
    }
}
