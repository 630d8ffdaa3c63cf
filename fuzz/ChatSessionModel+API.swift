/// HTTP API answers: one response per call, to the connection that made
/// it, a JSON body; published positions and history agree with what the
/// chat clients were told, listings obey the listing rules.
extension ChatSessionModel {
    mutating func observeResponse(_ response: HTTPResponse, to recipients: [ClientID]) {
        let id = single(recipients, "response")
        guard let expectation = apiWaiting.removeValue(forKey: id) else {
            return Fuzz.require(false, "a response to \(id), which made no API call")
        }
        let json = ChatSessionModel.parse(response.body)
        guard response.status == .ok else {
            Fuzz.require(json["error"]?["code"]?.stringValue.flatMap(ChatError.Code.init) != nil, "API error \(json)")
            return
        }
        switch expectation {
        case .publish(let room): observePublished(json, room: room)
        case .history(let room): observeHistory(json, room: room)
        case .rooms: checkRoomListing(json)
        case .members(let room): checkMemberListing(json, room: room)
        case .broadcast, .disconnect: Fuzz.require(json == .object([]), "API answer \(json)")
        }
    }

    private mutating func observePublished(_ json: JSONValue, room: String) {
        guard json["room"]?.stringValue == room, let epoch = json["epoch"]?.stringValue, let seq = json["seq"]?.uint64Value
        else { return Fuzz.require(false, "published \(json) for \(room)") }
        let numbering = self.numbering[room]
        if numbering?.current != epoch {
            Fuzz.require(numbering?.seenEpochs.contains(epoch) != true, "\(room) published in old epoch \(epoch)")
            if exact { Fuzz.require(seq == 1, "\(room) published at \(seq) in a new epoch") }
            self.numbering[room, default: RoomNumbering()].current = epoch
            self.numbering[room]?.seenEpochs.insert(epoch)
        }
        let last = numbering?.lastSeq[epoch] ?? 0
        if exact { Fuzz.require(seq == last || seq == last + 1, "\(room) published at \(seq), last \(last)") }
        self.numbering[room]?.lastSeq[epoch] = max(last, seq)
    }

    private mutating func observeHistory(_ json: JSONValue, room: String) {
        guard json["room"]?.stringValue == room, let epoch = json["epoch"]?.stringValue, let seq = json["seq"]?.uint64Value,
              let messages = json["messages"]?.arrayValue
        else { return Fuzz.require(false, "history \(json) for \(room)") }
        let seqs = messages.map { $0["seq"]?.uint64Value ?? 0 }
        Fuzz.require(zip(seqs, seqs.dropFirst()).allSatisfy { $0 + 1 == $1 }, "history seqs \(seqs)")
        Fuzz.require(seqs.allSatisfy { $0 <= seq } && messages.count <= config.historySize, "history \(seqs) at \(seq)")
        guard numbering[room]?.current == epoch else { return }
        for message in messages { checkPayload(message, seq: message["seq"]?.uint64Value ?? 0, epoch: epoch, in: room) }
    }
}
