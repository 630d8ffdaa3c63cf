import ChatWire

/// What a token that passed `TokenVerifier` says about its holder: the
/// fields of `ClientIdentity` plus the name the chat shows.
public struct VerifiedToken: Equatable, Sendable {
    /// `sub`: the user id, shown as `user` on the holder's events.
    public let user: String
    /// `name`, or the nickname derived from `sub` (see `TokenClaims`).
    public let name: Nickname
    /// Room names and prefixes ending in `*`; nil: any room.
    public let rooms: [String]?
    public let mayBroadcast: Bool
    /// `exp`, floored, in Unix seconds. The verifier still accepts the token
    /// for `TokenVerifier.clockSkew` seconds after it.
    public let expiry: Int64

    /// What `claims` grant; `TokenVerifier` calls this once every check has passed.
    public init(_ claims: TokenClaims) {
        user = claims.subject
        name = claims.displayName
        rooms = claims.rooms
        mayBroadcast = claims.mayBroadcast
        expiry = claims.expiry
    }

    /// The identity the chat rules enforce.
    public var identity: ClientIdentity {
        ClientIdentity(user: user, rooms: rooms, mayBroadcast: mayBroadcast, expiry: expiry)
    }
}
