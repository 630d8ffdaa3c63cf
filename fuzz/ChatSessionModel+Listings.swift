/// Listings (`rooms`, `who` and the API's rooms and members): at most
/// `listingLimit` entries, `total` and `truncated: true` exactly when cut;
/// with the memory backplane, exactly the rooms and members the model knows.
extension ChatSessionModel {
    mutating func observeRooms(_ json: JSONValue, to recipients: [ClientID]) {
        let id = single(recipients, "rooms")
        settle(id, json, accepting: { $0 == .rooms }, what: "rooms")
        checkRoomListing(json)
    }

    mutating func observeWho(_ json: JSONValue, to recipients: [ClientID]) {
        let id = single(recipients, "who")
        settle(id, json, accepting: { $0 == .who }, what: "who")
        guard let room = json["room"]?.stringValue else { return Fuzz.require(false, "who without room") }
        if exact { Fuzz.require(clients[id]?.rooms[room] != nil, "who of \(room) for \(id), not a member") }
        checkMemberListing(json, room: room)
    }

    /// Rooms with members, most members first, ties by name; which of the
    /// rooms of equal size at the cut make it is not specified (docs/protocol.md).
    func checkRoomListing(_ json: JSONValue) {
        guard let entries = json["rooms"]?.arrayValue else { return Fuzz.require(false, "rooms without a list") }
        checkCut(json, count: entries.count, what: "rooms")
        let listed = entries.map { ($0["room"]?.stringValue ?? "", $0["members"]?.intValue ?? -1) }
        Fuzz.require(Set(listed.map(\.0)).count == listed.count, "a room listed twice: \(listed)")
        guard exact else { return }
        var counts: [String: Int] = [:]
        for client in clients.values { for room in client.rooms.keys { counts[room, default: 0] += 1 } }
        let ranked = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        let expected = ranked.prefix(config.listingLimit).map { ($0.key, $0.value) }
        let inOrder = zip(listed, listed.dropFirst()).allSatisfy { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        Fuzz.require(inOrder && listed.allSatisfy { counts[$0.0] == $0.1 } && listed.map(\.1) == expected.map(\.1),
                     "rooms listed \(listed), expected \(expected) (which rooms of equal size make the cut is open)")
        checkTotal(json, count: counts.count, what: "rooms")
    }

    func checkMemberListing(_ json: JSONValue, room: String) {
        guard let entries = json["members"]?.arrayValue else { return Fuzz.require(false, "members without a list") }
        checkCut(json, count: entries.count, what: "members of \(room)")
        let ids = entries.map { $0["id"]?.stringValue ?? "" }
        Fuzz.require(Set(ids).count == ids.count, "a member listed twice in \(room): \(ids)")
        for entry in entries {
            let id = entry["id"]?.stringValue ?? ""
            Fuzz.require(everConnected[id] != nil, "\(room) lists unknown \(id)")
            Fuzz.require(everConnected[id] == entry["user"]?.stringValue, "\(room) lists \(id) with another user")
        }
        guard exact else { return }
        let members = self.members(of: room).compactMap { clients[$0] }
        for entry in entries {
            let member = members.first { $0.id.publicID == entry["id"]?.stringValue }
            Fuzz.require(member != nil && member?.name == entry["name"]?.stringValue, "\(room) lists \(entry), not a member")
        }
        Fuzz.require(entries.count == min(members.count, config.listingLimit), "\(room) lists \(entries.count) of \(members.count)")
        checkTotal(json, count: members.count, what: "members of \(room)")
    }

    /// At most a page; `total` and `truncated` together, only past a full page.
    private func checkCut(_ json: JSONValue, count: Int, what: String) {
        Fuzz.require(count <= config.listingLimit, "\(count) \(what) listed, limit \(config.listingLimit)")
        let total = json["total"]?.intValue
        let truncated = json["truncated"]
        Fuzz.require((total == nil) == (truncated == nil), "\(what): total \(String(describing: total)) without truncated or back")
        guard let total else { return }
        Fuzz.require(truncated == .bool(true), "\(what): truncated is \(String(describing: truncated))")
        Fuzz.require(total > count && count == config.listingLimit, "\(what): \(count) listed of a total \(total)")
    }

    private func checkTotal(_ json: JSONValue, count: Int, what: String) {
        let expected = count > config.listingLimit ? count : nil
        Fuzz.require(json["total"]?.intValue == expected,
                     "\(what): total \(String(describing: json["total"])), expected \(String(describing: expected))")
    }
}
