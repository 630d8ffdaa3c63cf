import ChatWire

/// Forgetting: empty rooms are dropped `historyTTL` after they were last
/// active (their last message, or their last member leaving, whichever came
/// later), and sooner, longest idle first, when all rooms together hold more
/// than `historyMemory` bytes. If rooms with members alone exceed it, the
/// largest of them lose their oldest messages. A room that never had a
/// message is forgotten as soon as it is empty: it has nothing to keep.
extension MemoryBackplane {
    /// Drops the empty rooms whose time is up (called by the idle sweep).
    public mutating func expire(now: Moment) {
        let ttl = ChatConfig.nanoseconds(config.historyTTL)
        while let oldest = idle.first, oldest.lastActive.addingReportingOverflow(ttl).partialValue <= now.uptimeNanos {
            _ = idle.popFirst()
            forgetIfIdle(oldest)
        }
        if idle.count > 2 * max(64, rooms.count) {
            idle.removeAll { entry in rooms[entry.room]?.generation != entry.generation }
        }
    }

    /// Queues an empty room for forgetting, or forgets it at once when it
    /// has no messages.
    mutating func becameIdle(_ room: MemoryRoom, as name: RoomName) {
        guard room.seq > 0 else { return forget(name) }
        rooms[name] = room
        idle.push(IdleRoom(lastActive: room.lastActive, room: name, generation: room.generation))
    }

    /// Run whenever the footprint grows (a message, a new room) or a room
    /// empties, so that the budget holds between any two commands. Over it
    /// with no history left (the rooms with members take it all), nothing
    /// more can go, and no room is searched for messages.
    mutating func enforceBudget() {
        while footprint > config.historyMemory, let oldest = idle.popFirst() {
            forgetIfIdle(oldest)
        }
        while footprint > config.historyMemory, footprint > MemoryRoom.overheadBytes * rooms.count,
              let largest = largestHistory() {
            footprint -= rooms[largest]?.history.dropOldest() ?? 0
        }
    }

    private mutating func forgetIfIdle(_ entry: IdleRoom) {
        guard let room = rooms[entry.room], room.generation == entry.generation, room.members.isEmpty else { return }
        forget(entry.room)
    }

    private mutating func forget(_ name: RoomName) {
        guard let room = rooms.removeValue(forKey: name) else { return }
        footprint -= room.footprint
    }

    private func largestHistory() -> RoomName? {
        var largest: (name: RoomName, bytes: Int)?
        for (name, room) in rooms where room.history.bytes > (largest?.bytes ?? 0) {
            largest = (name, room.history.bytes)
        }
        return largest?.name
    }
}
