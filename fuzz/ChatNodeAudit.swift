/// Checks of the node's own state and of the memory backplane's rooms
/// between steps: every per-client and per-room queue within its bound, the
/// backplane's byte accounting exact and within `historyMemory`, and, once
/// nothing is in flight, the node, the backplane and the model agreeing on
/// who is in which room.
enum ChatNodeAudit {
    /// What must hold after every step.
    static func checkBounds(_ state: ChatState, model: ChatSessionModel) {
        let config = state.config
        Fuzz.require(Set(state.everyone) == Set(state.clients.keys) && state.everyone.count == state.clients.count,
                     "broadcast list \(state.everyone) and clients \(state.clients.keys) differ")
        for (id, client) in state.clients {
            Fuzz.require(state.everyone[client.position] == id, "\(id) not at its position in the broadcast list")
            Fuzz.require(client.rooms.count <= config.maxRoomsPerClient, "\(id) in \(client.rooms.count) rooms")
            Fuzz.require(Set(client.rooms).count == client.rooms.count, "\(id) in a room twice: \(client.rooms)")
            Fuzz.require(client.deferred.count <= ChatState.maxDeferred, "\(id) has \(client.deferred.count) deferred")
        }
        for (name, room) in state.rooms {
            Fuzz.require(!room.isEmpty, "local room \(name) kept without members or joiners")
            for id in room.members.ids {
                Fuzz.require(state.clients[id]?.rooms.contains(name) == true, "\(id) a member of \(name) it did not join")
            }
            for joiner in room.joiners.values {
                Fuzz.require(state.clients[joiner.client]?.isJoining == true, "\(joiner.client) joining \(name) but not joining")
                Fuzz.require(joiner.heldBytes <= config.maxReplyBytes || model.clients[joiner.client]?.isClosing == true,
                             "\(joiner.client) holds \(joiner.heldBytes) bytes for \(name) and is not being closed")
            }
        }
    }

    /// What must hold once every answer is in: nothing pending anywhere, and
    /// the node's rooms exactly the model's.
    static func checkSettled(_ state: ChatState, model: ChatSessionModel) {
        Fuzz.require(state.pending.isEmpty, "answers still pending: \(state.pending)")
        Fuzz.require(Set(state.clients.keys) == Set(model.clients.keys),
                     "node clients \(state.clients.keys), model \(model.clients.keys)")
        for (id, client) in state.clients {
            Fuzz.require(!client.isJoining && client.deferred.isEmpty, "\(id) still joining or waiting")
            let told = Set(model.clients[id]?.rooms.keys.map { $0 } ?? [])
            Fuzz.require(Set(client.rooms.map(\.value)) == told, "\(id) in \(client.rooms), told \(told)")
        }
        var occupied = Set<String>()
        for client in model.clients.values { occupied.formUnion(client.rooms.keys) }
        Fuzz.require(Set(state.rooms.keys.map(\.value)) == occupied, "local rooms \(state.rooms.keys), occupied \(occupied)")
        for (name, room) in state.rooms {
            Fuzz.require(room.joiners.isEmpty && room.acks.isEmpty, "\(name) has joiners or acks left")
            Fuzz.require(Set(room.members.ids) == Set(model.members(of: name.value)), "members of \(name) differ")
        }
    }

    /// The memory backplane: exact byte accounting, each history within
    /// its count and byte bounds and consecutive, and the total within
    /// `historyMemory`, or within what the rooms with members take alone.
    static func checkMemory(_ memory: MemoryBackplane) {
        let config = memory.config
        var footprint = 0
        var occupied = 0
        for (name, room) in memory.rooms {
            let history = room.history.all
            let bytes = history.reduce(0) { $0 + $1.payload.count }
            Fuzz.require(room.history.bytes == bytes, "\(name) counts \(room.history.bytes) history bytes, holds \(bytes)")
            Fuzz.require(history.count <= config.historySize, "\(name) keeps \(history.count) messages")
            Fuzz.require(bytes <= config.historyBytesPerRoom, "\(name) keeps \(bytes) bytes, bound \(config.historyBytesPerRoom)")
            let seqs = history.map(\.seq)
            Fuzz.require(zip(seqs, seqs.dropFirst()).allSatisfy { $0 + 1 == $1 }, "\(name) history \(seqs)")
            Fuzz.require(seqs.last.map { $0 == room.seq } ?? true, "\(name) history ends at \(seqs.last ?? 0), seq \(room.seq)")
            Fuzz.require(room.seq > 0 || !room.members.isEmpty, "\(name) kept empty without a message")
            footprint += room.footprint
            occupied += room.members.isEmpty ? 0 : 1
        }
        Fuzz.require(memory.footprint == footprint, "footprint \(memory.footprint), rooms hold \(footprint)")
        Fuzz.require(memory.occupiedRooms == occupied, "\(memory.occupiedRooms) occupied rooms counted, \(occupied) held")
        let bound = max(config.historyMemory, MemoryRoom.overheadBytes * occupied)
        Fuzz.require(footprint <= bound,
                     "footprint \(footprint) over \(bound) (\(occupied) rooms with members, \(memory.rooms.count) in all)")
    }

    /// The backplane's member directory is the model's.
    static func checkDirectory(_ memory: MemoryBackplane, model: ChatSessionModel) {
        for (name, room) in memory.rooms {
            let expected = Set(model.members(of: name.value).map(\.publicID))
            Fuzz.require(Set(room.members.members.map(\.id)) == expected, "directory of \(name) differs from the model")
        }
    }
}
