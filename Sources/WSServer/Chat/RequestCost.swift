import ChatWire

/// What one request costs against the client's two budgets: request tokens
/// (one, plus the presence a join, leave or rename causes: a token per 100
/// members told, in every room concerned) and bytes (the frame, or for a
/// message or broadcast the text as it fans out, JSON-escaped, since a
/// control character sent raw goes out as six bytes to every member).
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
        var bytes = frameBytes
        switch request.kind {
        case .message(let text, _), .broadcast(let text):
            bytes = max(bytes, RequestCost.escapedSize(text))
        case .join(let room, _, _), .leave(let room):
            requests += memberCount(room) / RequestCost.membersPerToken
        case .nick:
            requests += joinedRooms.reduce(0) { $0 + memberCount($1) / RequestCost.membersPerToken }
        case .rooms, .who, .refresh:
            break
        }
        self.init(requests: UInt64(requests), bytes: UInt64(max(0, bytes)))
    }

    /// The length of `text` as a JSON string body: `"` and `\` take two
    /// bytes, other control characters up to six.
    static func escapedSize(_ text: String) -> Int {
        var size = 0
        for byte in text.utf8 {
            size += byte < 0x20 ? 6 : (byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")) ? 2 : 1
        }
        return size
    }

    /// The most a message of `bytes` bytes can take once escaped.
    static func escapedSize(bytes: Int) -> Int { bytes.multipliedReportingOverflow(by: 6).partialValue }
}
