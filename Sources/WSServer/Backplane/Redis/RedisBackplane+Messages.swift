import ChatWire
import RESP

/// Publishing, listings, gap fills, and what arrives on the subscriptions.
extension RedisBackplane {
    func publish(_ name: RoomName, body: [UInt8], ticket: UInt64) {
        let keys = RoomKeys(room: name)
        let started = host.now
        let arguments: [RESPArgument] = [
            .string(Epoch.random().value), .bytes(body), .integer(Int64(settings.historySize)),
            .integer(Int64(settings.historyTTL)), .string(keys.channel),
        ]
        run(RoomScripts.publish, keys: keys.scriptKeys(node: settings.node), arguments: arguments) { [unowned self] result in
            guard case .success(let reply) = result, let fields = reply.elements, fields.count == 2,
                  let seq = fields[0].number, seq > 0, let epoch = fields[1].text.flatMap(Epoch.init)
            else {
                status.countPublish(nanos: nil)
                return events.append(.failed(ticket: ticket))
            }
            status.countPublish(nanos: host.now - min(host.now, started))
            events.append(.published(ticket: ticket, LogPosition(epoch: epoch, seq: UInt64(seq))))
        }
    }

    func broadcast(_ body: [UInt8], ticket: UInt64) {
        let message = ChannelMessage.broadcastBytes(node: settings.node, ticket: ticket, body: body)
        send(RESPCommand("PUBLISH", .string(GlobalKeys.broadcastChannel), .bytes(message))) { [unowned self] result in
            if case .failure = result { events.append(.failed(ticket: ticket)) }
        }
    }

    func rename(_ member: ChatMember, in names: [RoomName]) {
        for name in names where rooms[name]?.members[member.id] != nil {
            rooms[name]?.members[member.id] = member
            let keys = RoomKeys(room: name)
            run(RoomScripts.rename, keys: keys.scriptKeys(node: settings.node),
                arguments: [.string(member.id), .bytes(member.json), .string(keys.channel)]) { _ in }
        }
    }

    /// The ranked page, then (for the API) each room's epoch and seq, then
    /// the total: sent one after the other from the page's answer, so the
    /// last answer completes the listing.
    func listRooms(limit: Int, positions: Bool, ticket: UInt64) {
        let range = RESPCommand(
            "ZREVRANGEBYSCORE", .string(GlobalKeys.rooms), "+inf", "1", "WITHSCORES", "LIMIT", "0", .integer(Int64(limit)))
        send(range) { [unowned self] result in
            guard case .success(let reply) = result, let fields = reply.elements else {
                return events.append(.failed(ticket: ticket))
            }
            var page = stride(from: 0, to: fields.count - 1, by: 2).compactMap { index -> RoomSummary? in
                guard let room = fields[index].text, let members = fields[index + 1].text.flatMap(Double.init) else { return nil }
                return RoomSummary(room: room, members: Int(members))
            }
            for index in page.indices where positions {
                guard let name = RoomName(page[index].room) else { continue }
                let keys = RoomKeys(room: name)
                send(RESPCommand("MGET", .string(keys.epoch), .string(keys.seq))) { result in
                    guard case .success(let reply) = result, let values = reply.elements, values.count == 2,
                          let epoch = values[0].text.flatMap(Epoch.init), let seq = values[1].number
                    else { return }
                    page[index].position = LogPosition(epoch: epoch, seq: UInt64(seq))
                }
            }
            send(RESPCommand("ZCOUNT", .string(GlobalKeys.rooms), "1", "+inf")) { [unowned self] result in
                guard case .success(let reply) = result, let total = reply.number else {
                    return events.append(.failed(ticket: ticket))
                }
                status.update(roomCount: Int(total))
                events.append(.listed(ticket: ticket, .rooms(page, total: Int(total))))
            }
        }
    }

    func listMembers(_ name: RoomName, limit: Int, ticket: UInt64) {
        let keys = RoomKeys(room: name)
        run(RoomScripts.members, keys: keys.scriptKeys(node: settings.node), arguments: [.integer(Int64(limit))]) {
            [unowned self] result in
            guard case .success(let reply) = result, let fields = reply.elements, let total = fields.first?.number else {
                return events.append(.failed(ticket: ticket))
            }
            let members = fields.dropFirst().compactMap { field in
                field.bytes.flatMap { try? JSONParser.parse($0) }.flatMap(ChatMember.init(json:))
            }
            events.append(.listed(ticket: ticket, .members(name, members, total: Int(total))))
        }
    }

    /// The messages of a gap in a feed; anything but a full answer in the
    /// same epoch is an empty fill, and the feed moves on.
    func fetch(_ name: RoomName, after: LogPosition, through: UInt64) {
        let keys = RoomKeys(room: name)
        run(RoomScripts.fetch, keys: keys.scriptKeys(node: settings.node),
            arguments: [.integer(Int64(clamping: after.seq)), .integer(Int64(clamping: through))]) { [unowned self] result in
            var messages: [LoggedMessage] = []
            if case .success(let reply) = result, let fields = reply.elements, fields.first?.text == after.epoch.value {
                for index in stride(from: 1, to: fields.count - 1, by: 2) {
                    guard let seq = fields[index].number, let body = fields[index + 1].bytes else { continue }
                    messages.append(LoggedMessage(
                        seq: UInt64(seq), payload: ChatMessage.payload(room: name.value, seq: UInt64(seq), body: body)))
                }
            }
            events.append(.fetched(name, epoch: after.epoch, messages))
        }
    }

    /// A message on a subscription: a room's event, a broadcast (with its
    /// ticket when this node published it), or a disconnect request.
    func receive(_ message: RedisMessage) {
        let channel = String(decoding: message.channel, as: UTF8.self)
        if channel == GlobalKeys.controlChannel {
            guard case .disconnect(let target)? = ChannelMessage(message.payload) else { return }
            return events.append(.disconnect(target))
        }
        if channel == GlobalKeys.broadcastChannel {
            guard case .broadcast(let node, let ticket, let body)? = ChannelMessage(message.payload) else { return }
            return events.append(.broadcast(body: body, ticket: node == settings.node ? ticket : nil))
        }
        guard let name = RoomKeys.room(ofChannel: channel), let event = ChannelMessage(message.payload)?.roomEvent(in: name)
        else { return }
        events.append(.room(name, event))
    }
}
