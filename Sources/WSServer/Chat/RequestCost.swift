import ChatWire

/// What one request costs against the client's two budgets: request tokens
/// (one, plus the presence a join, leave or rename causes: a token per 100
/// members told, in every room concerned) and bytes (the frame; a message
/// or broadcast whose text grows when JSON-escaped, such as control
/// characters sent raw in a plain-text frame, six bytes each to every
/// member, is charged the growth too, see `ChatState.chargeEscaping`).
struct RequestCost: Sendable, Equatable {
    var requests: UInt64
    var bytes: UInt64

    static let membersPerToken = 100

    init(requests: UInt64, bytes: UInt64) {
        self.requests = requests
        self.bytes = bytes
    }

    init(_ request: ChatRequest, frameBytes: Int, memberCount: (RoomName) -> Int, joinedRooms: [RoomName]) {
        var requests = 1
        switch request.kind {
        case .message, .broadcast, .rooms, .who, .refresh:
            break
        case .join(let room, _, _), .leave(let room):
            requests += memberCount(room) / RequestCost.membersPerToken
        case .nick:
            requests += joinedRooms.reduce(0) { $0 + memberCount($1) / RequestCost.membersPerToken }
        }
        self.init(requests: UInt64(requests), bytes: UInt64(max(0, frameBytes)))
    }

    /// What a message body holds besides its text and the sender's name:
    /// the id, the timestamp, the user and the JSON around them.
    static let bodyEnvelope = 160

    /// The bytes a body of `bodyBytes` takes beyond its raw text and name:
    /// what escaping added.
    static func escapingGrowth(bodyBytes: Int, text: String, name: String) -> Int {
        max(0, bodyBytes - text.utf8.count - name.utf8.count - bodyEnvelope)
    }
}
