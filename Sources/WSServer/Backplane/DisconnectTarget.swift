/// Whose sessions the HTTP API's `disconnect` closes, on every node.
public enum DisconnectTarget: Sendable, Equatable {
    /// Every session of this authenticated user (the token's `sub`).
    case user(String)
    /// The one session with this public id.
    case id(String)
}
