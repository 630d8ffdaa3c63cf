/// Room traffic: messages reach members only, each member sees a room's
/// seqs one after another from where its `joined` left it, and a seq names
/// one message; presence reaches the other members, within the presence
/// limit. With the memory backplane the recipients are exactly the members.
extension ChatSessionModel {
    mutating func observeMessage(_ json: JSONValue, payload: [UInt8], to recipients: [ClientID]) {
        guard let room = json["room"]?.stringValue, let seq = json["seq"]?.uint64Value, json["text"]?.stringValue != nil
        else { return Fuzz.require(false, "a message without room, seq or text") }
        let views = recipients.map { clients[$0]?.rooms[room] }
        Fuzz.require(views.allSatisfy { $0 != nil }, "message of \(room) to a non-member among \(recipients)")
        let epochs = Set(views.compactMap { $0?.epoch })
        Fuzz.require(epochs.count == 1, "one message of \(room) to members of epochs \(epochs)")
        for (id, view) in zip(recipients, views) {
            Fuzz.require(view?.nextSeq == seq, "\(id) got \(room)/\(seq), expected \(view?.nextSeq ?? 0)")
            clients[id]?.rooms[room]?.nextSeq = seq + 1
        }
        if exact { checkEveryMember(of: room, got: recipients, except: nil, what: "message \(seq)") }
        guard let epoch = epochs.first else { return }
        numberMessage(json, seq: seq, epoch: epoch, in: room)
    }

    /// A message's seq is the next of its room's epoch (with the delayed
    /// backplane a joiner may get it again, held for after its `joined`).
    private mutating func numberMessage(_ json: JSONValue, seq: UInt64, epoch: String, in room: String) {
        let numbering = self.numbering[room]
        Fuzz.require(numbering?.current == epoch,
                     "message of \(room) in epoch \(epoch), current \(String(describing: numbering?.current))")
        let last = numbering?.lastSeq[epoch] ?? 0
        if seq > last {
            Fuzz.require(seq == last + 1, "\(room) jumped from \(last) to \(seq)")
            self.numbering[room]?.lastSeq[epoch] = seq
        } else {
            Fuzz.require(!exact, "\(room)/\(seq) delivered again, last was \(last)")
        }
        checkPayload(json, seq: seq, epoch: epoch, in: room)
    }

    /// The same seq of the same epoch is always the same message.
    mutating func checkPayload(_ json: JSONValue, seq: UInt64, epoch: String, in room: String) {
        if let known = numbering[room]?.payloads[epoch]?[seq] {
            return Fuzz.require(known == json, "\(room)/\(epoch)/\(seq) was \(known), now \(json)")
        }
        var payloads = numbering[room]?.payloads[epoch] ?? [:]
        payloads[seq] = json
        numbering[room, default: RoomNumbering()].payloads[epoch] = payloads.filter {
            $0.key + RoomNumbering.keptPayloads > seq
        }
    }

    mutating func observePresence(_ json: JSONValue, to recipients: [ClientID]) {
        guard let room = json["room"]?.stringValue, let change = json["event"]?.stringValue,
              let subject = json["id"]?.stringValue, let name = json["name"]?.stringValue
        else { return Fuzz.require(false, "presence without room, event, id or name") }
        Fuzz.require(everConnected[subject] != nil, "presence of unknown \(subject)")
        Fuzz.require(everConnected[subject] == json["user"]?.stringValue, "presence of \(subject) with another user")
        Fuzz.require(!recipients.contains { $0.publicID == subject }, "\(subject) told of its own \(change)")
        for id in recipients { Fuzz.require(clients[id]?.rooms[room] != nil, "presence of \(room) to \(id), not a member") }
        guard exact else { return }
        let client = clients.values.first { $0.id.publicID == subject }
        let members = self.members(of: room)
        switch change {
        case "join":
            Fuzz.require(client?.rooms[room] == nil, "presence join of \(subject), already a member of \(room)")
            checkShown(count: members.count + 1, room: room)
        case "leave":
            Fuzz.require(client?.rooms[room] == nil, "presence leave of \(subject), still a member of \(room)")
            checkShown(count: members.count + 1, room: room)
        case "nick":
            Fuzz.require(client?.rooms[room] != nil && client?.name == name, "presence nick of \(subject) as \(name)")
            checkShown(count: members.count, room: room)
        default:
            Fuzz.require(false, "presence event \(change)")
        }
        checkEveryMember(of: room, got: recipients, except: client?.id, what: "presence \(change)")
    }

    private func checkShown(count: Int, room: String) {
        Fuzz.require(count <= config.presenceLimit, "presence in \(room) of \(count) members, limit \(config.presenceLimit)")
    }

    /// With the memory backplane an event of a room reaches all of its members.
    private func checkEveryMember(of room: String, got recipients: [ClientID], except subject: ClientID?, what: String) {
        let expected = Set(members(of: room)).subtracting(subject.map { [$0] } ?? [])
        Fuzz.require(Set(recipients) == expected, "\(what) of \(room) to \(recipients), members \(expected)")
    }
}
