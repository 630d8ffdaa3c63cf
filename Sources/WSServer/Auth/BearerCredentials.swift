import WSProtocol

/// Where a request carries a bearer credential (RFC 6750): the
/// `Authorization: Bearer T` field (section 2.1), or for a browser, which
/// cannot set headers on a WebSocket, the query parameter `token=T` (the
/// protocol's name for section 2.3's `access_token`).
public enum BearerCredentials {
    /// The token a chat upgrade request presents: nil when it presents none.
    ///
    /// An `Authorization` field with another scheme (`Basic …`, meant for a
    /// proxy, say) is not a token and is ignored. Refused as `malformed`:
    /// `Bearer` without a `b64token` after it, two Bearer fields, more than
    /// one `token` parameter or an empty or ill-formed one, and a token in
    /// both places (section 2: "Clients MUST NOT use more than one method
    /// to transmit the token in each request").
    public static func presentedToken(headers: HTTPHeaders, query: QueryParameters) throws(TokenRefusal) -> String? {
        let fromHeader = try headerToken(headers)
        let parameters = query.values(for: "token")
        guard parameters.count <= 1 else {
            throw TokenRefusal(.malformed, "the request has more than one token parameter")
        }
        guard let parameter = parameters.first else { return fromHeader }
        guard fromHeader == nil else {
            throw TokenRefusal(.malformed, "the request carries a token both in Authorization and in token=")
        }
        guard isB64Token(parameter.utf8[...]) else {
            throw TokenRefusal(.malformed, "the token parameter is empty or holds characters a token cannot have")
        }
        return parameter
    }

    /// The credential of an `Authorization` value, `Bearer` (any case), one
    /// or more spaces, then a `b64token`; nil for another scheme or syntax.
    public static func bearer(_ authorization: String) -> String? {
        let utf8 = authorization.utf8
        guard let space = utf8.firstIndex(of: UInt8(ascii: " ")),
              String(authorization[..<space]).lowercased() == "bearer",
              let start = utf8[space...].firstIndex(where: { $0 != UInt8(ascii: " ") }),
              isB64Token(utf8[start...])
        else { return nil }
        return String(authorization[start...])
    }

    /// RFC 6750 section 2.1: `b64token = 1*( ALPHA / DIGIT / "-" / "." /
    /// "_" / "~" / "+" / "/" ) *"="`.
    static func isB64Token<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
        let body = bytes.prefix { $0 != UInt8(ascii: "=") }
        return !body.isEmpty && body.allSatisfy(isB64TokenCharacter)
            && bytes.dropFirst(body.count).allSatisfy { $0 == UInt8(ascii: "=") }
    }

    private static func headerToken(_ headers: HTTPHeaders) throws(TokenRefusal) -> String? {
        let fields = headers.values("Authorization").filter(isBearerScheme)
        guard fields.count <= 1 else {
            throw TokenRefusal(.malformed, "the request has more than one Bearer Authorization field")
        }
        guard let field = fields.first else { return nil }
        guard let token = bearer(field) else {
            throw TokenRefusal(.malformed, "Authorization: Bearer is not followed by one well-formed token")
        }
        return token
    }

    /// Whether the field's scheme is `Bearer`, whatever follows (a tab
    /// after it makes a malformed Bearer field, not another scheme).
    private static func isBearerScheme(_ authorization: String) -> Bool {
        let scheme = authorization.utf8.prefix { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }
        return String(decoding: scheme, as: UTF8.self).lowercased() == "bearer"
    }

    private static func isB64TokenCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
             UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "+"), UInt8(ascii: "/"):
            true
        default:
            false
        }
    }
}
