/// Requests: built as JSON text from the input, or taken raw, then parsed
/// the way the client's loop parses them. A frame over the message size
/// limit closes the connection (1009), as the WebSocket layer would.
extension ChatStateFuzzer {
    static let nicknames = [
        "ann", " padded ", String(repeating: "👩‍💻", count: 32), String(repeating: "é", count: 32), "名前",
        "zero\u{200B}width", String(repeating: "a", count: 33), "",
    ]

    func nickname(_ choice: UInt8) -> String {
        ChatStateFuzzer.nicknames[Int(choice) % ChatStateFuzzer.nicknames.count]
    }

    mutating func sendRequest(from id: ClientID) {
        let kind = input.byte()
        var writer = JSONWriter()
        writer.beginObject()
        switch kind % 10 {
        case 0, 1: writeJoin(into: &writer)
        case 2: writeFields(&writer, type: "leave", ("room", roomName(input.byte())))
        case 3: writeFields(&writer, type: "message", ("text", messageText()))
        case 4: writeFields(&writer, type: "message", ("text", messageText()), ("room", roomName(input.byte())))
        case 5: writeFields(&writer, type: "broadcast", ("text", messageText()))
        case 6: writeFields(&writer, type: "nick", ("name", nicknameText()))
        case 7: writeFields(&writer, type: "rooms")
        case 8: writeFields(&writer, type: "who", ("room", kind & 16 == 0 ? nil : roomName(input.byte())))
        default: writeFields(&writer, type: "refresh", ("token", token(input.byte())))
        }
        writer.field(ref: ref(input.byte()))
        writer.endObject()
        send(writer.bytes, from: id)
    }

    /// Up to 255 bytes as they come (invalid UTF-8 replaced, as only valid
    /// text frames get through): plain text, broken JSON, or anything.
    mutating func sendRawFrame(from id: ClientID) {
        let bytes = input.bytes(input.below(256))
        send(Array(String(decoding: bytes, as: UTF8.self).utf8), from: id)
    }

    private mutating func send(_ frame: [UInt8], from id: ClientID) {
        guard frame.count <= config.maxMessageSize else { return disconnect(id, acknowledge: false) }
        let call = frame.withUnsafeBytes { RegistryCall.request(from: id, payload: $0) }
        owe(call)
        run(call)
    }

    /// What the model expects back for the request.
    private mutating func owe(_ call: RegistryCall) {
        switch call {
        case .request(let id, let request, _):
            if case .join(let room, let since, _) = request.kind, request.ref == nil {
                model.clients[id]?.unreferencedJoins[room.value, default: []].append(since)
            }
            guard let ref = request.ref else { return }
            let expected = expectation(request, from: id)
            model.clients[id]?.owed[ref.text, default: []].append(expected)
        case .invalid(let id, let error, _):
            guard let ref = error.ref else { return }
            model.clients[id]?.owed[ref.text, default: []].append(.invalid)
        case .connect, .touch, .disconnect, .api:
            return
        }
    }

    private func expectation(_ request: ChatRequest, from id: ClientID) -> ExpectedReply {
        switch request.kind {
        case .join(let room, let since, _): .join(room: room.value, since: since)
        case .leave(let room): .leave(room: room.value)
        case .message(_, let room): .message(room: (room ?? node.state.currentRoom(of: id))?.value)
        case .broadcast: .broadcast
        case .nick: .nick
        case .rooms: .rooms
        case .who: .who
        case .refresh: .refresh
        }
    }

    private mutating func writeJoin(into writer: inout JSONWriter) {
        let room = roomName(input.byte())
        writeFields(&writer, type: "join", ("room", room))
        let (since, epoch) = position(for: room, mode: input.below(4))
        if let since { writer.field("since", since) }
        if let epoch { writer.field("epoch", epoch.value) }
    }

    private func writeFields(_ writer: inout JSONWriter, type: String, _ fields: (StaticString, String?)...) {
        writer.key("type")
        writer.string(type)
        for case let (key, value?) in fields { writer.field(key, value) }
    }

    /// Up to 1020 bytes of a repeated pattern: with control characters it
    /// grows sixfold when escaped.
    private mutating func messageText() -> String {
        input.text(length: Int(input.byte()) * 4)
    }

    private mutating func nicknameText() -> String {
        let choice = input.byte()
        return choice & 128 == 0 ? nickname(choice) : input.text(length: Int(choice & 63))
    }

    /// None, a number (once with a fraction), or a string of input bytes;
    /// unique per request so each reply can be matched to its request.
    private mutating func ref(_ choice: UInt8) -> ChatRequest.Ref? {
        serial += 1
        switch choice & 3 {
        case 0: return nil
        case 1: return .number("\(serial)")
        case 2: return .number("\(serial).50")
        default: return .string(input.text(length: Int(choice >> 2)) + "#\(serial)")
        }
    }

    /// A token for `refresh`: the client's own user's, another user's,
    /// an expired one, or not a token.
    private mutating func token(_ choice: UInt8) -> String {
        let seconds = now.epochMillis / 1000
        let user = ChatStateFuzzer.users[Int(choice >> 2) % ChatStateFuzzer.users.count]
        let issued = choice & 3 == 2 ? seconds - 7200 : seconds
        guard choice & 3 != 3, let claims = try? TokenMinter.claims(subject: user, now: issued, lifetime: 3600) else {
            return "not.a.token"
        }
        return TokenMinter(secret: ChatStateFuzzer.secret).mint(claims) ?? "not.a.token"
    }
}
