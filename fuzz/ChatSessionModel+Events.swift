/// Events: every prepared event is a well-formed text frame around a JSON
/// object with a `type`, no larger than a reply may be, and what it says
/// agrees with the model; then the model learns from it.
extension ChatSessionModel {
    mutating func observeEvent(_ event: PreparedEvent, to recipients: [ClientID]) {
        checkFrame(event)
        let json = ChatSessionModel.parse(event.payload)
        guard let type = json["type"]?.stringValue else { return Fuzz.require(false, "an event without a type") }
        checkSize(event, json, type: type)
        if type != "welcome" {
            for id in recipients { Fuzz.require(clients[id]?.welcomed == true, "\(type) before welcome to \(id)") }
        }
        switch type {
        case "welcome": observeWelcome(json, to: recipients)
        case "joined": observeJoined(json, frame: event.frame, to: recipients)
        case "left": observeLeft(json, to: recipients)
        case "message": observeMessage(json, payload: event.payload, to: recipients)
        case "presence": observePresence(json, to: recipients)
        case "reset": observeReset(json, to: recipients)
        case "broadcast": observeBroadcast(json, to: recipients)
        case "rooms": observeRooms(json, to: recipients)
        case "who": observeWho(json, to: recipients)
        default: observeReply(json, type: type, to: recipients)
        }
    }

    static func parse(_ payload: [UInt8]) -> JSONValue {
        let parsed = Result { () throws(JSONParser.Failure) in try JSONParser.parse(payload) }
        guard case .success(let json) = parsed, json.objectValue != nil else {
            Fuzz.require(false, "event is not a JSON object: \(String(decoding: payload, as: UTF8.self))")
            return .null
        }
        return json
    }

    /// The frame is one unmasked, final text frame the payload's size (the
    /// frame target checks the encoder byte for byte).
    private func checkFrame(_ event: PreparedEvent) {
        let frame = event.frame
        Fuzz.require(frame.count >= event.payload.count + 2 && frame.count <= event.payload.count + 10, "frame size")
        Fuzz.require(frame[0] == 0x81 && frame[1] & 0x80 == 0, "not an unmasked final text frame: \(frame.prefix(2))")
    }

    /// A message or broadcast carries one message: its text escaped (six
    /// bytes for a control character) plus names and ids. Any other event
    /// fits one reply, besides what it echoes of the request (its ref, an
    /// unknown type); a `joined` whose replay is not empty fits entirely.
    private func checkSize(_ event: PreparedEvent, _ json: JSONValue, type: String) {
        let size = event.frame.count
        switch type {
        case "message", "broadcast":
            let bound = 6 * config.maxMessageSize + 2 * Nickname.maxBytes + 2 * TokenClaims.maxSubjectBytes + 512
            Fuzz.require(size <= bound, "a \(type) of \(size) bytes")
        case "joined" where json["history"]?.arrayValue?.isEmpty == false:
            Fuzz.require(size <= config.maxReplyBytes, "a joined with a replay of \(size) bytes, over \(config.maxReplyBytes)")
        default:
            let echoed = ChatSessionModel.echoedBytes(json)
            Fuzz.require(size - echoed <= config.maxReplyBytes, "a \(type) of \(size) bytes (\(echoed) echoed)")
        }
    }

    /// Bytes of the event that repeat the request: its ref, and the type an
    /// `unknown_type` error names.
    static func echoedBytes(_ json: JSONValue) -> Int {
        var writer = JSONWriter()
        if let ref = json["ref"] { writer.value(ref) }
        if json["code"]?.stringValue == "unknown_type", let message = json["message"]?.stringValue { writer.string(message) }
        return writer.bytes.count
    }

    private mutating func observeWelcome(_ json: JSONValue, to recipients: [ClientID]) {
        Fuzz.require(recipients.count == 1, "welcome to \(recipients)")
        let id = recipients[0]
        Fuzz.require(clients[id]?.welcomed == false, "a second welcome to \(id)")
        Fuzz.require(json["id"]?.stringValue == id.publicID, "welcome id \(String(describing: json["id"])) for \(id)")
        Fuzz.require(json["name"]?.stringValue == clients[id]?.name, "welcome name \(String(describing: json["name"]))")
        Fuzz.require(json["user"]?.stringValue == clients[id]?.user, "welcome user")
        clients[id]?.welcomed = true
    }

    private mutating func observeLeft(_ json: JSONValue, to recipients: [ClientID]) {
        let id = single(recipients, "left")
        let room = json["room"]?.stringValue ?? ""
        settle(id, json, accepting: { $0 == .leave(room: room) }, what: "left \(room)")
        Fuzz.require(clients[id]?.rooms[room] != nil, "left \(room), which \(id) was not told it joined")
        clients[id]?.rooms[room] = nil
    }

    private mutating func observeReset(_ json: JSONValue, to recipients: [ClientID]) {
        guard let room = json["room"]?.stringValue, let epoch = json["epoch"]?.stringValue, let seq = json["seq"]?.uint64Value
        else { return Fuzz.require(false, "a reset without room, epoch or seq") }
        for id in recipients {
            Fuzz.require(clients[id]?.rooms[room] != nil, "reset of \(room) to \(id), not a member")
            clients[id]?.rooms[room] = RoomView(epoch: epoch, nextSeq: seq + 1)
        }
        noteEpoch(epoch, seq: seq, in: room)
    }

    private mutating func observeBroadcast(_ json: JSONValue, to recipients: [ClientID]) {
        Fuzz.require(Set(recipients) == Set(clients.keys), "broadcast to \(recipients), connected \(clients.keys)")
        Fuzz.require(json["text"]?.stringValue != nil && json["id"]?.stringValue != nil, "broadcast without text or id")
    }

    /// The one client a reply goes to.
    func single(_ recipients: [ClientID], _ type: String) -> ClientID {
        Fuzz.require(recipients.count == 1, "\(type) to \(recipients)")
        return recipients[0]
    }
}
