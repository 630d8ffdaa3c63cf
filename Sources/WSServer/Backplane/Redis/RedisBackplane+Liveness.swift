import ChatWire
import RESP
import SystemKit

/// Heartbeats and dead nodes: every `heartbeatInterval` this node records
/// itself alive (at Redis's time), pings its pub/sub connection (a hung
/// subscription shows as a reply timeout, and the connection is replaced),
/// refreshes the room count, and announces gone the members of every node
/// silent for `--node-timeout`. One node claims each dead one (ZREM answers
/// 1 to one caller only), so the leaves are announced once.
extension RedisBackplane {
    func heartbeat() {
        nextHeartbeat = host.now + MonotonicClock.nanoseconds(settings.heartbeatInterval)
        let timeout = Int64(settings.deadAfter * 1000)
        run(NodeScripts.heartbeat, keys: [GlobalKeys.nodes], arguments: [.string(settings.node), .integer(timeout)]) {
            [unowned self] result in
            guard case .success(let reply) = result else { return }
            for dead in reply.elements?.compactMap(\.text) ?? [] where dead != settings.node { claim(dead) }
        }
        send(RESPCommand("ZCOUNT", .string(GlobalKeys.rooms), "1", "+inf")) { [unowned self] result in
            if case .success(let reply) = result, let total = reply.number { status.update(roomCount: Int(total)) }
        }
        if subscriber.isReady { subscriber.connection?.send(RESPCommand("PING")) { _ in } }
    }

    private func claim(_ node: String) {
        send(RESPCommand("ZREM", .string(GlobalKeys.nodes), .string(node))) { [unowned self] result in
            guard case .success(let reply) = result, reply.number == 1 else { return }
            Log.info("node \(node) has been silent for \(settings.deadAfter) s: announcing its members gone")
            evict(node)
        }
    }

    private func evict(_ node: String) {
        send(RESPCommand("SMEMBERS", .string(GlobalKeys.nodeRooms(node)))) { [unowned self] result in
            guard case .success(let reply) = result else { return }
            for name in (reply.elements ?? []).compactMap({ $0.text.flatMap(RoomName.init) }) {
                let keys = RoomKeys(room: name)
                run(RoomScripts.evict, keys: keys.scriptKeys(node: node),
                    arguments: [.integer(Int64(settings.historyTTL)), .string(keys.channel)]) { [unowned self] result in
                    if case .success(let value) = result, let removed = value.number, removed > 0 { count(name, by: -removed) }
                }
            }
            send(RESPCommand("DEL", .string(GlobalKeys.nodeRooms(node))))
        }
    }
}
