import ChatWire

/// A room's events, in the order its feed lets them through, delivered to
/// this node's members of the room and held for its marked joiners.
extension ChatState {
    mutating func receive(_ event: RoomEvent, in room: RoomName) {
        guard var local = rooms[room] else { return }
        let step = local.feed.accept(event)
        rooms[room] = local
        process(step, in: room)
    }

    mutating func process(_ step: RoomFeed.Step, in room: RoomName) {
        for item in step.items {
            switch item {
            case .reset(let position): deliverReset(position, in: room)
            case .event(.message(let position, let payload)): deliverMessage(position, payload: payload, in: room)
            case .event(.presence(let notice)): deliverPresence(notice, in: room)
            case .event(.mark): continue
            }
        }
        if let fetch = step.fetch { issue(.fetch(room, after: fetch.after, through: fetch.through)) }
    }

    private mutating func deliverMessage(_ position: LogPosition, payload: [UInt8], in room: RoomName) {
        guard let local = rooms[room] else { return }
        let event = PreparedEvent(payload: payload)
        deliver(event, to: local.members.ids)
        holdForJoiners(event, in: room)
        releaseAcks(through: position.seq, in: room)
    }

    /// The room's history was lost (its epoch changed): members hear it
    /// before any message of the new epoch.
    private mutating func deliverReset(_ position: LogPosition, in room: RoomName) {
        guard let local = rooms[room] else { return }
        let event = PreparedEvent(.reset(room: room.value, epoch: position.epoch.value, seq: position.seq))
        deliver(event, to: local.members.ids)
        holdForJoiners(event, in: room)
        releaseAcks(through: .max, in: room)
    }

    private mutating func deliverPresence(_ notice: PresenceNotice, in room: RoomName) {
        guard let local = rooms[room] else { return }
        rooms[room]?.memberCount = notice.members
        if notice.announce, notice.members <= config.presenceLimit {
            let event = PreparedEvent(.presence(room: room.value, change: notice.change, member: notice.member))
            deliver(event, to: recipients(of: local, except: notice.member.id))
            holdForJoiners(event, in: room, except: notice.member.id)
        }
        if notice.change == .join { joinMarked(room, memberID: notice.member.id) }
    }

    /// The room's members but the subject, when it is one of this node's
    /// clients (a rename, or a member registered again after Redis came
    /// back); a subject of another node leaves the member array as is.
    private func recipients(of local: LocalRoom, except publicID: String) -> [ClientID] {
        let prefix = config.idPrefix + "c"
        guard publicID.hasPrefix(prefix), let serial = UInt64(publicID.dropFirst(prefix.count)),
              local.members.ids.contains(where: { $0.serial == serial })
        else { return local.members.ids }
        return local.members.ids.filter { $0.serial != serial }
    }

    /// Joiners past their marker get what members get, after their `joined`;
    /// a re-joiner keeps what comes before its marker too, in case its join
    /// fails; none keeps presence about itself. One that piles up more than
    /// a reply's worth is a slow consumer.
    private mutating func holdForJoiners(_ event: PreparedEvent, in room: RoomName, except subject: String? = nil) {
        guard let local = rooms[room], local.hasHoldingJoiners else { return }
        for (memberID, joiner) in local.joiners where memberID != subject && (joiner.isMarked || joiner.wasMember) {
            if joiner.isMarked {
                rooms[room]?.joiners[memberID]?.held.append(event)
            } else {
                rooms[room]?.joiners[memberID]?.missed.append(event)
            }
            rooms[room]?.joiners[memberID]?.heldBytes += event.byteCount
            if joiner.heldBytes + event.byteCount > config.maxReplyBytes {
                act(.close(.slowConsumer), for: [joiner.client])
            }
        }
    }

    private mutating func releaseAcks(through seq: UInt64, in room: RoomName) {
        guard let acks = rooms[room]?.acks, !acks.isEmpty else { return }
        let due = acks.filter { $0.seq <= seq }
        guard !due.isEmpty else { return }
        rooms[room]?.acks.removeAll { $0.seq <= seq }
        for ack in due where clients[ack.client] != nil {
            reply(ack.client, .ack(ref: ack.ref, seq: ack.seq))
        }
    }
}
