import ChatWire
import RESP

/// What only the HTTP API asks: a room's history, and disconnects
/// announced to every node.
extension RedisBackplane {
    func history(_ name: RoomName, since: UInt64, limit: Int, ticket: UInt64) {
        let keys = RoomKeys(room: name)
        run(RoomScripts.history, keys: keys.scriptKeys(node: settings.node),
            arguments: [.integer(Int64(clamping: since)), .integer(Int64(limit))]) { [unowned self] result in
            guard case .success(let reply) = result, let fields = reply.elements, fields.count >= 2 else {
                return events.append(.failed(ticket: ticket))
            }
            guard let epoch = fields[0].text.flatMap(Epoch.init), let seq = fields[1].number else {
                return events.append(.history(ticket: ticket, nil, []))
            }
            var messages: [LoggedMessage] = []
            for index in stride(from: 2, to: fields.count - 1, by: 2) {
                guard let entry = fields[index].number, let body = fields[index + 1].bytes else { continue }
                let payload = ChatMessage.payload(room: name.value, seq: UInt64(entry), body: body)
                messages.append(LoggedMessage(seq: UInt64(entry), payload: payload))
            }
            events.append(.history(ticket: ticket, LogPosition(epoch: epoch, seq: UInt64(seq)), messages))
        }
    }

    /// Every node, this one included, closes the sessions when the request
    /// comes back on the control channel.
    func disconnect(_ target: DisconnectTarget, ticket: UInt64) {
        let message = ChannelMessage.disconnectBytes(target)
        send(RESPCommand("PUBLISH", .string(GlobalKeys.controlChannel), .bytes(message))) { [unowned self] result in
            switch result {
            case .success: events.append(.done(ticket: ticket))
            case .failure: events.append(.failed(ticket: ticket))
            }
        }
    }
}
