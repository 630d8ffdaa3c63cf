/// A request the server refuses: the `error` event's `code`, its human
/// `message`, and the request's `ref` when it had one.
public struct ChatError: Error, Equatable, Sendable {
    /// The machine-readable `code` of an `error` event (docs/protocol.md).
    public enum Code: String, Sendable, CaseIterable {
        case badJSON = "bad_json"
        case badRequest = "bad_request"
        case unknownType = "unknown_type"
        case badRoom = "bad_room"
        case badName = "bad_name"
        case notMember = "not_member"
        case noRoom = "no_room"
        case tooManyRooms = "too_many_rooms"
        case rateLimited = "rate_limited"
        /// The server cannot publish right now (its backplane is unreachable):
        /// the request reached nobody and may be retried later.
        case unavailable
        /// The connection's identity may not do this.
        case forbidden
        /// A `refresh` token that does not verify.
        case badToken = "bad_token"
    }

    public var code: Code
    public var message: String
    public var ref: ChatRequest.Ref?

    public init(_ code: Code, _ message: String, ref: ChatRequest.Ref? = nil) {
        self.code = code
        self.message = message
        self.ref = ref
    }

    public static let badRoomMessage = "room names are 1-64 characters of A-Z a-z 0-9 _ . -"
    public static let badNameMessage = "nicknames are 1-32 visible characters"
}
