/// Direct replies: each one answers a request its client made, a request
/// with a ref exactly once; `joined` also tells the client where the room's
/// numbering stands and replays the messages it keeps.
extension ChatSessionModel {
    /// Owed replies are matched by ref; `accepting` says which requests this
    /// reply can answer (an `error` answers any).
    mutating func settle(_ id: ClientID, _ json: JSONValue, accepting: (ExpectedReply) -> Bool, what: String) {
        guard let ref = json["ref"]?.scalarText else { return }
        let owed = clients[id]?.owed[ref] ?? []
        guard let index = owed.firstIndex(where: accepting) else {
            return Fuzz.require(false, "\(what) with ref \(ref) for \(id), which owes \(owed)")
        }
        clients[id]?.owed[ref]?.remove(at: index)
        if clients[id]?.owed[ref]?.isEmpty == true { clients[id]?.owed[ref] = nil }
    }

    mutating func observeReply(_ json: JSONValue, type: String, to recipients: [ClientID]) {
        let id = single(recipients, type)
        switch type {
        case "nick":
            settle(id, json, accepting: { $0 == .nick }, what: "nick")
            clients[id]?.name = json["name"]?.stringValue ?? ""
        case "ack":
            Fuzz.require(json["ref"] != nil, "an ack without ref")
            let seq = json["seq"]?.uint64Value
            if exact { checkMessageCameFirst(id, json, seq: seq) }
            settle(id, json, accepting: { ChatSessionModel.ack(seq, answers: $0) }, what: "ack")
        case "error":
            Fuzz.require(json["code"]?.stringValue.flatMap(ChatError.Code.init) != nil, "error code \(json)")
            settle(id, json, accepting: { _ in true }, what: "error")
        case "refreshed":
            settle(id, json, accepting: { $0 == .refresh }, what: "refreshed")
            clients[id]?.expiry = json["exp"]?.int64Value ?? -1
            owedExtension = id
        default:
            Fuzz.require(false, "unknown event type \(type)")
        }
    }

    /// A message reaches its sender, a member of its room, before the ack.
    private func checkMessageCameFirst(_ id: ClientID, _ json: JSONValue, seq: UInt64?) {
        guard let seq, let ref = json["ref"]?.scalarText,
              case .message(let room?)? = clients[id]?.owed[ref]?.first(where: { ChatSessionModel.ack(seq, answers: $0) })
        else { return }
        let next = clients[id]?.rooms[room]?.nextSeq ?? 0
        Fuzz.require(next > seq, "ack of \(room)/\(seq) to \(id) before the message (next \(next))")
    }

    private static func ack(_ seq: UInt64?, answers request: ExpectedReply) -> Bool {
        switch request {
        case .message: seq != nil
        case .broadcast: seq == nil
        case .join, .leave, .nick, .rooms, .who, .refresh, .invalid: false
        }
    }

    mutating func observeJoined(_ json: JSONValue, frame: [UInt8], to recipients: [ClientID]) {
        let id = single(recipients, "joined")
        guard let room = json["room"]?.stringValue, let epoch = json["epoch"]?.stringValue,
              let seq = json["seq"]?.uint64Value, let history = json["history"]?.arrayValue
        else { return Fuzz.require(false, "joined without room, epoch, seq or history") }
        let since = takeJoin(id, json, room: room)
        checkReplay(history, room: room, epoch: epoch, seq: seq)
        if exact || json["ref"] != nil {
            checkRecovery(json["recovered"]?.boolValue, since: since, history: history, seq: seq)
        }
        Fuzz.require((clients[id]?.rooms.count ?? 0) < config.maxRoomsPerClient || clients[id]?.rooms[room] != nil,
                     "\(id) joined a room over \(config.maxRoomsPerClient)")
        clients[id]?.rooms[room] = RoomView(epoch: epoch, nextSeq: seq + 1)
        noteEpoch(epoch, seq: seq, in: room)
    }

    /// The join this `joined` answers; the `since` it asked for. Without a
    /// ref that is a guess with the delayed backplane: an `error` without
    /// ref may have answered an earlier join of the same room, which then
    /// stays in the queue.
    private mutating func takeJoin(_ id: ClientID, _ json: JSONValue, room: String) -> UInt64? {
        if let ref = json["ref"]?.scalarText {
            let since = clients[id]?.owed[ref]?.first { if case .join(room, _) = $0 { true } else { false } }
            settle(id, json, accepting: { if case .join(room, _) = $0 { true } else { false } }, what: "joined \(room)")
            guard case .join(_, let asked)? = since else { return nil }
            return asked
        }
        guard let asked = clients[id]?.unreferencedJoins[room], !asked.isEmpty else {
            Fuzz.require(false, "joined \(room) without ref for \(id), which asked for none")
            return nil
        }
        clients[id]?.unreferencedJoins[room]?.removeFirst()
        return asked[0]
    }

    /// The replay is the room's newest messages, consecutive, ending at the
    /// room's seq, each the very message that seq named when delivered.
    private mutating func checkReplay(_ history: [JSONValue], room: String, epoch: String, seq: UInt64) {
        let seqs = history.map { $0["seq"]?.uint64Value ?? 0 }
        Fuzz.require(history.allSatisfy { $0["type"]?.stringValue == "message" && $0["room"]?.stringValue == room },
                     "replay of \(room) holds other things")
        Fuzz.require(seqs.last.map { $0 == seq } ?? true, "replay of \(room) ends at \(seqs.last ?? 0), room at \(seq)")
        Fuzz.require(zip(seqs, seqs.dropFirst()).allSatisfy { $0 + 1 == $1 }, "replay seqs \(seqs) not consecutive")
        Fuzz.require(seqs.count <= max(0, config.historySize), "replay of \(seqs.count) over --history")
        for entry in history { checkPayload(entry, seq: entry["seq"]?.uint64Value ?? 0, epoch: epoch, in: room) }
    }

    /// `recovered` only when asked; true means the replay is exactly what
    /// came after `since`.
    private func checkRecovery(_ recovered: Bool?, since: UInt64?, history: [JSONValue], seq: UInt64) {
        Fuzz.require((recovered == nil) == (since == nil),
                     "recovered \(String(describing: recovered)), since \(String(describing: since))")
        guard recovered == true, let since else { return }
        Fuzz.require(since <= seq, "recovered from \(since) past the room's \(seq)")
        Fuzz.require(history.count == Int(seq - since), "recovered from \(since) to \(seq) with \(history.count) messages")
    }

    /// The room's numbering moved to `epoch` at `seq` (a `joined` or `reset`).
    mutating func noteEpoch(_ epoch: String, seq: UInt64, in room: String) {
        var numbering = self.numbering[room] ?? RoomNumbering()
        if numbering.current != epoch {
            Fuzz.require(!numbering.seenEpochs.contains(epoch), "\(room) went back to epoch \(epoch)")
            numbering.current = epoch
            numbering.seenEpochs.insert(epoch)
        }
        let last = numbering.lastSeq[epoch]
        if exact, let last { Fuzz.require(seq == last, "\(room) at \(seq), its messages at \(last)") }
        numbering.lastSeq[epoch] = max(last ?? 0, seq)
        self.numbering[room] = numbering
    }
}
