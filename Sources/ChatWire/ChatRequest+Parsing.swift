/// Turning a text frame into a `ChatRequest` or the `ChatError` to send back.
extension ChatRequest {
    /// Parses one text frame's payload (UTF-8, already validated by the
    /// WebSocket layer).
    ///
    /// Plain text is a message: a frame whose first non-whitespace byte is
    /// `{` must be a JSON object request (otherwise `bad_json`); any other
    /// frame, plain text or JSON that is not an object (`"hi"`, `[1]`, `42`),
    /// is `message(text: <the whole frame, unchanged>, room: nil)`. That is
    /// what makes `new WebSocket(url).send("hi")` and line-based tools useful.
    ///
    /// In a request object: `type` is required; unknown extra fields are
    /// ignored (room for later protocol versions); an optional field set to
    /// `null` counts as absent; `ref` must be a string or a number; `since`
    /// must be a non-negative integer written without fraction or exponent.
    public static func parse(_ frame: UnsafeBufferPointer<UInt8>) -> Result<ChatRequest, ChatError> {
        guard let first = frame.firstIndex(where: { !JSONParser.isWhitespace($0) }),
              frame[first] == UInt8(ascii: "{")
        else {
            return .success(ChatRequest(.message(text: String(decoding: frame, as: UTF8.self), room: nil)))
        }
        let json: JSONValue
        do {
            json = try JSONParser.parse(frame)
        } catch {
            return .failure(ChatError(.badJSON, "malformed JSON at byte \(error.offset)"))
        }
        return Result { () throws(ChatError) in try ChatRequest(object: json) }
    }

    public static func parse(_ frame: UnsafeRawBufferPointer) -> Result<ChatRequest, ChatError> {
        frame.withMemoryRebound(to: UInt8.self) { parse($0) }
    }

    public static func parse(_ frame: [UInt8]) -> Result<ChatRequest, ChatError> {
        frame.withUnsafeBufferPointer { parse($0) }
    }

    /// A request from a parsed JSON object. Errors after the `ref` is known carry it.
    init(object: JSONValue) throws(ChatError) {
        let ref = try ChatRequest.parseRef(object["ref"])
        let fields = RequestFields(object: object, ref: ref)
        let type = try fields.requiredString("type")
        self.init(try fields.kind(type: type), ref: ref)
    }

    private static func parseRef(_ value: JSONValue?) throws(ChatError) -> Ref? {
        switch value {
        case nil, .null?: return nil
        case .string(let text)?: return .string(text)
        case .number(let text)?: return .number(text)
        case .bool?, .array?, .object?: throw ChatError(.badRequest, "\"ref\" must be a string or a number")
        }
    }
}

/// Reads and validates the fields of one request object, turning every
/// problem into the `ChatError` (with the request's `ref`) to send back.
private struct RequestFields {
    let object: JSONValue
    let ref: ChatRequest.Ref?

    func kind(type: String) throws(ChatError) -> ChatRequest.Kind {
        switch type {
        case "join": .join(room: try room("room"), since: try since(), epoch: try epoch())
        case "leave": .leave(room: try room("room"))
        case "message": .message(text: try requiredString("text"), room: try optionalRoom("room"))
        case "broadcast": .broadcast(text: try requiredString("text"))
        case "nick": .nick(name: try nickname("name"))
        case "rooms": .rooms
        case "who": .who(room: try optionalRoom("room"))
        case "refresh": .refresh(token: try requiredString("token"))
        default: throw ChatError(.unknownType, "unknown request type \"\(type)\"", ref: ref)
        }
    }

    func requiredString(_ key: String) throws(ChatError) -> String {
        guard let text = try optionalString(key) else {
            throw ChatError(.badRequest, "missing field \"\(key)\"", ref: ref)
        }
        return text
    }

    func optionalString(_ key: String) throws(ChatError) -> String? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let text = value.stringValue else {
            throw ChatError(.badRequest, "field \"\(key)\" must be a string", ref: ref)
        }
        return text
    }

    func room(_ key: String) throws(ChatError) -> RoomName {
        try validRoom(try requiredString(key))
    }

    func optionalRoom(_ key: String) throws(ChatError) -> RoomName? {
        guard let text = try optionalString(key) else { return nil }
        return try validRoom(text)
    }

    func nickname(_ key: String) throws(ChatError) -> Nickname {
        guard let name = Nickname(try requiredString(key)) else {
            throw ChatError(.badName, ChatError.badNameMessage, ref: ref)
        }
        return name
    }

    func since() throws(ChatError) -> UInt64? {
        guard let value = object["since"], !value.isNull else { return nil }
        guard let since = value.uint64Value else {
            throw ChatError(.badRequest, "field \"since\" must be a non-negative integer", ref: ref)
        }
        return since
    }

    /// An epoch that is not one (wrong characters, too long) cannot match
    /// any room's: it is refused rather than silently treated as a mismatch.
    func epoch() throws(ChatError) -> Epoch? {
        guard let text = try optionalString("epoch") else { return nil }
        guard let epoch = Epoch(text) else {
            throw ChatError(.badRequest, "field \"epoch\" must be 1-32 characters of A-Z a-z 0-9 _ -", ref: ref)
        }
        return epoch
    }

    private func validRoom(_ text: String) throws(ChatError) -> RoomName {
        guard let room = RoomName(text) else { throw ChatError(.badRoom, ChatError.badRoomMessage, ref: ref) }
        return room
    }
}
