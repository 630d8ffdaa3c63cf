import ChatWire

/// The POST endpoints' bodies: one JSON object each, unknown fields
/// ignored, `null` counting as absent (as in chat requests).
extension APIRequest {
    init(body: [UInt8], kind: APIRoute.BodyKind) throws(APIError) {
        let json: JSONValue
        do {
            json = try JSONParser.parse(body)
        } catch {
            throw APIError(.badRequest, .badJSON, "the body is not JSON (at byte \(error.offset))")
        }
        guard json.objectValue != nil else { throw APIError(.badRequest, .badJSON, "the body must be a JSON object") }
        switch kind {
        case .publish:
            self = .publish(
                room: try Self.room(json), text: try Self.string(json, "text", required: true) ?? "", name: try Self.name(json))
        case .broadcast:
            self = .broadcast(text: try Self.string(json, "text", required: true) ?? "", name: try Self.name(json))
        case .disconnect:
            self = .disconnect(try Self.target(json))
        }
    }

    private static func string(_ json: JSONValue, _ key: String, required: Bool) throws(APIError) -> String? {
        guard let value = json[key], !value.isNull else {
            if required { throw APIError(.badRequest, .badRequest, "missing field \"\(key)\"") }
            return nil
        }
        guard let text = value.stringValue else { throw APIError(.badRequest, .badRequest, "field \"\(key)\" must be a string") }
        return text
    }

    private static func room(_ json: JSONValue) throws(APIError) -> RoomName {
        guard let room = RoomName(try string(json, "room", required: true) ?? "") else {
            throw APIError(.badRequest, .badRoom, ChatError.badRoomMessage)
        }
        return room
    }

    private static func name(_ json: JSONValue) throws(APIError) -> Nickname {
        guard let text = try string(json, "name", required: false) else { return APIRequest.defaultName }
        guard let name = Nickname(text) else { throw APIError(.badRequest, .badName, ChatError.badNameMessage) }
        return name
    }

    private static func target(_ json: JSONValue) throws(APIError) -> DisconnectTarget {
        let user = try string(json, "user", required: false)
        let id = try string(json, "id", required: false)
        switch (user, id) {
        case (let user?, nil): return .user(user)
        case (nil, let id?): return .id(id)
        case (nil, nil), (_?, _?): throw APIError(.badRequest, .badRequest, "give exactly one of \"user\" and \"id\"")
        }
    }
}
