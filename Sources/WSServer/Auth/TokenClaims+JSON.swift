import ChatWire

/// The claims as the JSON object a token's payload holds.
extension TokenClaims {
    /// Reads the claims of a payload whose signature has been verified.
    /// Claims this server does not use (`iss`, `jti`, custom ones) are
    /// ignored, except `aud`: RFC 7519 section 4.1.3, "If the principal
    /// processing the claim does not identify itself with a value in the
    /// "aud" claim when this claim is present, then the JWT MUST be
    /// rejected", and this server has no audience name to identify with.
    public init(payload: JSONValue) throws(TokenRefusal) {
        guard payload["aud"] == nil else {
            throw TokenRefusal(.badClaims, "the aud claim is present, and this server has no audience")
        }
        guard let subject = payload["sub"]?.stringValue else {
            throw TokenRefusal(.badClaims, "the sub claim is missing or not a string")
        }
        guard let expiryValue = payload["exp"] else { throw TokenRefusal(.badClaims, "the exp claim is missing") }
        try self.init(
            subject: subject,
            name: try Self.name(payload["name"]),
            rooms: try Self.rooms(payload["rooms"]),
            mayBroadcast: try Self.broadcast(payload["broadcast"]),
            expiry: try Self.date(expiryValue),
            notBefore: try payload["nbf"].map { value throws(TokenRefusal) in try Self.date(value) },
            issuedAt: try payload["iat"].map { value throws(TokenRefusal) in try Self.date(value) })
    }

    /// The payload `TokenMinter` signs: `sub`, `name` when set, `rooms`
    /// when set, `broadcast` only when true, then `iat`, `nbf`, `exp`.
    public var payload: [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("sub", subject)
        writer.field("name", optional: name?.value)
        if let rooms {
            writer.key("rooms")
            writer.beginArray()
            rooms.forEach { writer.string($0) }
            writer.endArray()
        }
        if mayBroadcast { writer.field("broadcast", true) }
        if let issuedAt { writer.field("iat", Int(issuedAt)) }
        if let notBefore { writer.field("nbf", Int(notBefore)) }
        writer.field("exp", Int(expiry))
        writer.endObject()
        return writer.bytes
    }

    /// A NumericDate (RFC 7519 section 2): a JSON number of seconds,
    /// floored to whole ones.
    private static func date(_ value: JSONValue) throws(TokenRefusal) -> Int64 {
        guard let seconds = value.doubleValue, seconds.isFinite,
              let whole = Int64(exactly: seconds.rounded(.down)), dateRange.contains(whole)
        else { throw TokenRefusal(.badClaims, "exp, nbf and iat must be numbers: dates from 1970 to 9999") }
        return whole
    }

    private static func name(_ value: JSONValue?) throws(TokenRefusal) -> Nickname? {
        guard let value else { return nil }
        guard let text = value.stringValue, let name = Nickname(text) else {
            throw TokenRefusal(.badClaims, "the name claim is not a string that makes a valid nickname")
        }
        return name
    }

    private static func rooms(_ value: JSONValue?) throws(TokenRefusal) -> [String]? {
        guard let value else { return nil }
        guard let entries = value.arrayValue else { throw TokenRefusal(.badClaims, "the rooms claim is not an array") }
        var rooms: [String] = []
        for entry in entries {
            guard let room = entry.stringValue else { throw TokenRefusal(.badClaims, "a rooms entry is not a string") }
            rooms.append(room)
        }
        return rooms
    }

    private static func broadcast(_ value: JSONValue?) throws(TokenRefusal) -> Bool {
        guard let value else { return false }
        guard let allowed = value.boolValue else { throw TokenRefusal(.badClaims, "the broadcast claim is not true or false") }
        return allowed
    }
}
