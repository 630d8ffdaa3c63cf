/// Connections and API calls, with what the model expects of them.
extension ChatStateFuzzer {
    /// Rooms requests and queries name: valid ones (one of the longest
    /// allowed), then three a room name may not be.
    static let roomPool = ["r0", "r1", "r2", "r3", "r4", "r5", "lobby", String(repeating: "L", count: 64),
                           "", "bad room", String(repeating: "x", count: 65)]
    static let users = ["ann", "ben", "cy"]

    func roomName(_ choice: UInt8) -> String {
        ChatStateFuzzer.roomPool[Int(choice) % ChatStateFuzzer.roomPool.count]
    }

    /// A connection with query rooms (up to seven, duplicates and bad names
    /// included), a name or none, and for some a token's identity.
    mutating func connect(slot: Int) {
        if let old = slots[slot] { disconnect(old, acknowledge: false) }
        serial += 1
        let id = ClientID(serial: serial, loop: slot % 2, slot: slot)
        let spec = input.byte()
        let rooms = (0..<Int(spec & 7)).map { _ in roomName(input.byte()) }
        let name = connectName(Int(spec >> 3 & 3))
        let identity = spec & 32 != 0 ? makeIdentity(slot: slot) : nil
        let displayName = identity.map { Nickname($0.user.uppercased())! }
        let (since, epoch) = rooms.count == 1 ? position(for: rooms[0], mode: Int(spec >> 6)) : (nil, nil)
        let request = ConnectRequest(
            name: name, rooms: rooms, since: since, epoch: epoch, identity: identity, displayName: displayName)
        let shownName = displayName?.value ?? (identity == nil ? name.flatMap(Nickname.init)?.value : nil)
        model.connected(id, name: shownName ?? "guest-\(serial)", user: identity?.user)
        let expected = expectQueryJoins(id, rooms, since: since, identity: identity)
        slots[slot] = id
        run(.connect(id, request))
        guard backplane == nil, model.clients[id]?.isClosing == false else { return }
        let joined = Set(model.clients[id]?.rooms.keys.map { $0 } ?? [])
        Fuzz.require(joined == expected, "\(id) asked for \(rooms) and is in \(joined), expected \(expected)")
    }

    private mutating func connectName(_ mode: Int) -> String? {
        switch mode {
        case 0: nil
        case 1: ChatStateFuzzer.users[Int(input.byte()) % ChatStateFuzzer.users.count]
        case 2: nickname(input.byte())
        default: input.text(length: Int(input.byte() & 63))
        }
    }

    private mutating func makeIdentity(slot: Int) -> ClientIdentity {
        let claims = input.byte()
        let rooms: [String]? = [nil, ["r*"], ["r1", "lobby"], []][Int(claims >> 1 & 3)]
        return ClientIdentity(
            user: ChatStateFuzzer.users[slot % 3], rooms: rooms, mayBroadcast: claims & 1 != 0,
            expiry: now.epochMillis / 1000 + 3600)
    }

    /// The query rooms that must end up joined: the first
    /// `maxRoomsPerClient` distinct names, those that are valid and allowed.
    private mutating func expectQueryJoins(
        _ id: ClientID, _ rooms: [String], since: UInt64?, identity: ClientIdentity?
    ) -> Set<String> {
        var seen = Set<String>()
        let unique = rooms.filter { seen.insert($0).inserted }
        var expected = Set<String>()
        for raw in unique.prefix(config.maxRoomsPerClient) {
            guard let room = RoomName(raw) else { continue }
            model.clients[id]?.unreferencedJoins[raw, default: []].append(unique.count == 1 ? since : nil)
            if identity?.mayJoin(room) ?? true { expected.insert(raw) }
        }
        return expected
    }

    /// A `since` (and `epoch`) for a join: none, near where the room's
    /// numbering stands, with its epoch or with one it never had.
    mutating func position(for room: String, mode: Int) -> (UInt64?, Epoch?) {
        let numbering = model.numbering[room]
        let seq = numbering?.current.flatMap { numbering?.lastSeq[$0] } ?? 0
        let since = seq - min(seq, UInt64(input.below(4)))
        switch mode {
        case 0: return (nil, nil)
        case 1: return (since, nil)
        case 2: return (since, numbering?.current.flatMap(Epoch.init))
        default: return (since + UInt64(input.below(3)), Epoch("Xq0aaaaaaaaaaaaa"))
        }
    }
}
