import ChatWire

/// The members of one room as listings show them, by public id: insert,
/// update and remove in O(1) (removal moves the last member into the gap),
/// so the order is arbitrary.
struct MemberDirectory: Sendable {
    private(set) var members: [ChatMember] = []
    private var positions: [String: Int] = [:]

    var count: Int { members.count }
    var isEmpty: Bool { members.isEmpty }

    /// Adds or updates `member`; true when it was not there before.
    @discardableResult
    mutating func upsert(_ member: ChatMember) -> Bool {
        if let position = positions[member.id] {
            members[position] = member
            return false
        }
        positions[member.id] = members.count
        members.append(member)
        return true
    }

    /// Removes the member with `id`; false if there was none.
    @discardableResult
    mutating func remove(_ id: String) -> Bool {
        guard let position = positions.removeValue(forKey: id) else { return false }
        let last = members.removeLast()
        if last.id != id {
            members[position] = last
            positions[last.id] = position
        }
        return true
    }

    func contains(_ id: String) -> Bool { positions[id] != nil }
}
