/// Which end of the connection a session plays: it decides which frames must
/// be masked (RFC 6455 section 5.1: a client "MUST mask all frames that it
/// sends to the server"; a server "MUST NOT mask any frames").
public enum Role: Sendable {
    case server
    case client

    /// Whether frames this endpoint receives must carry a mask.
    var expectsMaskedInput: Bool {
        switch self {
        case .server: true
        case .client: false
        }
    }

    /// The mask for a frame this endpoint sends: a client's "MUST be ...
    /// unpredictable" and fresh per frame; servers never mask.
    @usableFromInline
    func freshMask() -> MaskKey? {
        switch self {
        case .client: MaskKey.random()
        case .server: nil
        }
    }
}
