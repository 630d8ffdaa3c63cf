import ChatWire

/// The room space of a single node, in memory: the same answers the Redis
/// backplane gives, given at once. Rooms keep their epoch, seq and history
/// while they have members and for `historyTTL` after they were last active
/// once empty, within `historyMemory` bytes in all (see
/// `MemoryBackplane+Memory.swift`).
public struct MemoryBackplane: Sendable {
    let config: ChatConfig
    var rooms: [RoomName: MemoryRoom] = [:]
    /// Empty rooms, longest idle first (with stale entries, see `IdleRoom`).
    var idle = MinHeap<IdleRoom>()
    /// Bytes of all rooms together, for the history memory budget.
    var footprint = 0
    /// Rooms with at least one member.
    public private(set) var occupiedRooms = 0
    /// The `rooms` listing, most members first, until membership changes.
    var rankedRooms: [RoomSummary]?

    public init(config: ChatConfig) {
        self.config = config
    }

    /// Carries out one command; the events are its whole answer.
    public mutating func execute(_ command: BackplaneCommand, now: Moment) -> [BackplaneEvent] {
        switch command {
        case .join(let request): return join(request, now: now)
        case .leave(let room, let member): return leave(room, member: member, now: now)
        case .publish(let room, let body, let ticket): return publish(room, body: body, ticket: ticket, now: now)
        case .broadcast(let body, let ticket): return [.broadcast(body: body, ticket: ticket)]
        case .rename(let member, let roomNames): return rename(member, in: roomNames)
        case .listRooms(let limit, let positions, let ticket):
            return [.listed(ticket: ticket, listRooms(limit: limit, positions: positions))]
        case .listMembers(let room, let limit, let ticket): return [.listed(ticket: ticket, listMembers(room, limit: limit))]
        case .fetch(let room, let after, let through): return fetch(room, after: after, through: through)
        case .history(let room, let since, let limit, let ticket):
            let state = rooms[room]
            return [.history(ticket: ticket, state?.position, Array((state?.history.after(since) ?? []).prefix(limit)))]
        case .disconnect(let target, let ticket): return [.disconnect(target), .done(ticket: ticket)]
        }
    }

    private mutating func join(_ request: JoinRequest, now: Moment) -> [BackplaneEvent] {
        let isNew = rooms[request.room] == nil
        var room = rooms[request.room] ?? newRoom(now: now)
        let wasEmpty = room.members.isEmpty
        room.members.upsert(request.member)
        room.touch(now: now.uptimeNanos)
        rooms[request.room] = room
        if wasEmpty { occupancyChanged(by: 1) } else { rankedRooms = nil }
        if isNew { enforceBudget() }
        let notice = PresenceNotice(
            change: .join, member: request.member, members: room.members.count, position: room.position,
            announce: request.announce)
        let info = room.joinInfo(since: request.since, epoch: request.epoch)
        return [.room(request.room, .presence(notice)), .joined(request.room, memberID: request.member.id, info)]
    }

    private mutating func leave(_ name: RoomName, member: ChatMember, now: Moment) -> [BackplaneEvent] {
        guard var room = rooms[name], room.members.remove(member.id) else { return [] }
        let notice = PresenceNotice(
            change: .leave, member: member, members: room.members.count + 1, position: nil, announce: true)
        if room.members.isEmpty {
            occupancyChanged(by: -1)
            room.touch(now: now.uptimeNanos)
            becameIdle(room, as: name)
            enforceBudget()
        } else {
            rankedRooms = nil
            rooms[name] = room
        }
        return [.room(name, .presence(notice))]
    }

    private mutating func publish(_ name: RoomName, body: [UInt8], ticket: UInt64, now: Moment) -> [BackplaneEvent] {
        var room = rooms[name] ?? newRoom(now: now)
        room.seq += 1
        let message = LoggedMessage(seq: room.seq, payload: ChatMessage.payload(room: name.value, seq: room.seq, body: body))
        footprint += room.history.append(message)
        room.touch(now: now.uptimeNanos)
        rooms[name] = room
        if room.members.isEmpty { becameIdle(room, as: name) }
        enforceBudget()
        return [.room(name, .message(room.position, payload: message.payload)), .published(ticket: ticket, room.position)]
    }

    private mutating func rename(_ member: ChatMember, in names: [RoomName]) -> [BackplaneEvent] {
        names.compactMap { name in
            guard var room = rooms[name], room.members.contains(member.id) else { return nil }
            room.members.upsert(member)
            rooms[name] = room
            let notice = PresenceNotice(
                change: .nick, member: member, members: room.members.count, position: nil, announce: true)
            return .room(name, .presence(notice))
        }
    }

    private func fetch(_ name: RoomName, after: LogPosition, through: UInt64) -> [BackplaneEvent] {
        guard let room = rooms[name], room.epoch == after.epoch else { return [.fetched(name, epoch: after.epoch, [])] }
        return [.fetched(name, epoch: room.epoch, room.history.after(after.seq, through: through))]
    }

    private mutating func newRoom(now: Moment) -> MemoryRoom {
        footprint += MemoryRoom.overheadBytes
        let history = HistoryLog(capacity: config.historySize, byteCapacity: config.historyBytesPerRoom)
        return MemoryRoom(epoch: Epoch.random(), history: history, now: now.uptimeNanos)
    }

    private mutating func occupancyChanged(by delta: Int) {
        occupiedRooms += delta
        rankedRooms = nil
    }
}
