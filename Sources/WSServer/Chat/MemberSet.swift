/// A set of clients kept as a dense array plus an index map: insert, remove
/// and lookup are O(1) (removal moves the last member into the gap), and
/// `ids` is handed out as a `Delivery`'s recipients as is, sharing storage.
/// Member order is therefore arbitrary.
struct MemberSet {
    private(set) var ids: [ClientID] = []
    private var positions: [ClientID: Int] = [:]

    var count: Int { ids.count }
    var isEmpty: Bool { ids.isEmpty }

    func contains(_ id: ClientID) -> Bool { positions[id] != nil }

    /// Adds `id`; false if it was already a member.
    @discardableResult
    mutating func insert(_ id: ClientID) -> Bool {
        guard positions[id] == nil else { return false }
        positions[id] = ids.count
        ids.append(id)
        return true
    }

    /// Removes `id`; false if it was not a member.
    @discardableResult
    mutating func remove(_ id: ClientID) -> Bool {
        guard let position = positions.removeValue(forKey: id) else { return false }
        let last = ids.removeLast()
        if last != id {
            ids[position] = last
            positions[last] = position
        }
        return true
    }
}
