import ChatWire
import RESP

/// Membership: subscribing to a room's channel before its first local
/// member is registered, joins and leaves through the room scripts, the
/// `rooms` zset kept by increments (which commute, so nodes never undo each
/// other), and registering every member again after a reconnect.
extension RedisBackplane {
    func join(_ request: JoinRequest) {
        guard command.isReady, subscriber.isReady else {
            return events.append(.joinFailed(request.room, memberID: request.member.id))
        }
        var room = rooms[request.room] ?? RedisRoom()
        let isNew = rooms[request.room] == nil
        room.members[request.member.id] = request.member
        switch room.subscription {
        case .active:
            rooms[request.room] = room
            sendJoin(request)
        case .pending(let joins):
            room.subscription = .pending(joins + [request])
            rooms[request.room] = room
            if isNew { subscribe([request.room]) }
        }
    }

    func leave(_ name: RoomName, member: ChatMember) {
        guard var room = rooms[name] else { return }
        room.members[member.id] = nil
        if case .pending(let joins) = room.subscription {
            room.subscription = .pending(joins.filter { $0.member.id != member.id })
        }
        rooms[name] = room.members.isEmpty ? nil : room
        let keys = RoomKeys(room: name)
        run(RoomScripts.leave, keys: keys.scriptKeys(node: settings.node),
            arguments: [.string(member.id), .bytes(member.json), .integer(Int64(settings.historyTTL)), .string(keys.channel)]) {
            [unowned self] result in
            if case .success(let value) = result, value.number == 1 { count(name, by: -1) }
        }
        guard room.members.isEmpty else { return }
        send(RESPCommand("SREM", .string(GlobalKeys.nodeRooms(settings.node)), .string(name.value)))
        if room.isActive { subscriber.connection?.unsubscribe([Array(keys.channel.utf8)]) { _ in } }
    }

    func sendJoin(_ request: JoinRequest) {
        let keys = RoomKeys(room: request.room)
        let arguments: [RESPArgument] = [
            .string(Epoch.random().value), .string(request.member.id), .bytes(request.member.json),
            .string(request.since.map(String.init) ?? ""), .string(request.epoch?.value ?? ""),
            .string(request.announce ? "1" : "0"), .string(keys.channel), .string("1"),
        ]
        send(RESPCommand("SADD", .string(GlobalKeys.nodeRooms(settings.node)), .string(request.room.value)))
        run(RoomScripts.join, keys: keys.scriptKeys(node: settings.node), arguments: arguments) { [unowned self] result in
            guard case .success(let reply) = result, let info = JoinReply(reply, room: request.room) else {
                Log.debug("join of \(request.member.id) to \(request.room) failed: \(result)")
                return events.append(.joinFailed(request.room, memberID: request.member.id))
            }
            if info.added { count(request.room, by: 1) }
            events.append(.joined(request.room, memberID: request.member.id, info.info))
        }
    }

    /// Subscribes to rooms' channels; joins waiting for them go out once
    /// Redis confirms (a failure is the connection's, handled there).
    func subscribe(_ names: [RoomName]) {
        guard let connection = subscriber.connection, !names.isEmpty else { return }
        let channels = names.map { Array(RoomKeys(room: $0).channel.utf8) }
        connection.subscribe(channels) { [unowned self] result in
            if case .success = result { activate(names) }
        }
    }

    private func activate(_ names: [RoomName]) {
        for name in names {
            guard var room = rooms[name] else {
                subscriber.connection?.unsubscribe([Array(RoomKeys(room: name).channel.utf8)]) { _ in }
                continue
            }
            guard case .pending(let joins) = room.subscription else { continue }
            room.subscription = .active
            rooms[name] = room
            for join in joins { sendJoin(join) }
            markPosition(of: name)
        }
    }

    /// After the pub/sub connection came back: every room again, in batches.
    func resubscribeRooms() {
        let names = Array(rooms.keys)
        for start in stride(from: 0, to: names.count, by: Self.subscribeBatch) {
            subscribe(Array(names[start..<min(start + Self.subscribeBatch, names.count)]))
        }
    }

    /// The pub/sub connection is gone: joins waiting for a subscription
    /// fail (the clients see `unavailable`), every room must resubscribe.
    func subscriptionsLost() {
        for (name, room) in rooms {
            var kept = room
            if case .pending(let joins) = room.subscription {
                for join in joins {
                    kept.members[join.member.id] = nil
                    events.append(.joinFailed(name, memberID: join.member.id))
                }
            }
            kept.subscription = .pending([])
            rooms[name] = kept.members.isEmpty ? nil : kept
        }
    }

    /// Asks Redis to publish where the room's log stands, so this node's
    /// feed finds what it missed while it was not subscribed.
    func markPosition(of name: RoomName) {
        let keys = RoomKeys(room: name)
        run(RoomScripts.mark, keys: keys.scriptKeys(node: settings.node), arguments: [.string(keys.channel)]) { _ in }
    }

    /// After the command connection came back (Redis may have restarted
    /// empty): this node's members of each room are exactly these. The join
    /// markers this publishes let every feed see a reset or a gap.
    func registerAgain() {
        guard !rooms.isEmpty else { return }
        send(RESPCommand("SADD", arguments: [.string(GlobalKeys.nodeRooms(settings.node))] + rooms.keys.map { .string($0.value) }))
        for (name, room) in rooms {
            let keys = RoomKeys(room: name)
            let ids = room.members.keys.map { RESPArgument.string($0) }
            run(RoomScripts.prune, keys: keys.scriptKeys(node: settings.node),
                arguments: [.integer(Int64(settings.historyTTL)), .string(keys.channel)] + ids) { [unowned self] result in
                if case .success(let value) = result, let removed = value.number, removed > 0 { count(name, by: -removed) }
            }
            for member in room.members.values { register(member, in: name) }
        }
    }

    private func register(_ member: ChatMember, in name: RoomName) {
        let keys = RoomKeys(room: name)
        let arguments: [RESPArgument] = [
            .string(Epoch.random().value), .string(member.id), .bytes(member.json), "", "", "1", .string(keys.channel), "0",
        ]
        run(RoomScripts.join, keys: keys.scriptKeys(node: settings.node), arguments: arguments) { [unowned self] result in
            if case .success(let reply) = result, JoinReply(reply, room: name)?.added == true { count(name, by: 1) }
        }
    }

    /// Moves a room's score in the `rooms` zset; rooms at 0 leave it.
    func count(_ name: RoomName, by delta: Int64) {
        send(RESPCommand("ZINCRBY", .string(GlobalKeys.rooms), .integer(delta), .string(name.value)))
        if delta < 0 { send(RESPCommand("ZREMRANGEBYSCORE", .string(GlobalKeys.rooms), "-inf", "0")) }
    }
}
