import ChatWire

/// `rooms` and `who` from memory. The ranked room list is built once per
/// change of membership, not per request: a burst of `rooms` requests
/// between two joins costs one ranking (top `limit` by a bounded selection,
/// not a sort of every room).
extension MemoryBackplane {
    mutating func listRooms(limit: Int, positions: Bool) -> Listing {
        if rankedRooms == nil { rankedRooms = rank(limit: max(limit, 1)) }
        let ranked = (rankedRooms ?? []).prefix(limit)
        guard positions else { return .rooms(Array(ranked), total: occupiedRooms) }
        let placed = ranked.map { summary in
            RoomSummary(room: summary.room, members: summary.members, position: RoomName(summary.room).flatMap { rooms[$0]?.position })
        }
        return .rooms(placed, total: occupiedRooms)
    }

    func listMembers(_ name: RoomName, limit: Int) -> Listing {
        let members = rooms[name]?.members
        return .members(name, Array((members?.members ?? []).prefix(limit)), total: members?.count ?? 0)
    }

    /// The `limit` rooms with most members (listed with ties by name); a
    /// min-heap of at most `limit` entries keeps it O(rooms × log limit).
    private func rank(limit: Int) -> [RoomSummary] {
        var top = MinHeap<RankedRoom>()
        for (name, room) in rooms where !room.members.isEmpty {
            let candidate = RankedRoom(count: RoomSummary(room: name.value, members: room.members.count))
            if top.count < limit {
                top.push(candidate)
            } else if let weakest = top.first, candidate.outranks(weakest) {
                _ = top.popFirst()
                top.push(candidate)
            }
        }
        return top.elements.sorted { $0.outranks($1) }.map(\.count)
    }
}

/// A room in the ranking heap: fewest members on top, so the weakest of
/// the current top list is the one to replace.
struct RankedRoom: HeapKeyed, Sendable {
    var count: RoomSummary

    var heapKey: UInt64 { UInt64(count.members) }

    /// More members, or as many and a name that sorts first.
    func outranks(_ other: RankedRoom) -> Bool {
        count.members != other.count.members ? count.members > other.count.members : count.room < other.count.room
    }
}
