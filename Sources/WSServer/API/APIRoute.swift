import ChatWire
import WSProtocol

/// Which API call a request head makes, before its body is read: the
/// method and path decide, the key is checked first (in constant time), and
/// a POST must announce a body of at most 1 MiB.
enum APIRoute {
    /// A GET, complete with its query.
    case request(APIRequest)
    /// A POST whose body of this many bytes is still to come.
    case body(kind: BodyKind, length: Int)
    case refused(APIError)

    /// The POST endpoints, whose request is their body.
    enum BodyKind: Sendable {
        case publish, broadcast, disconnect
    }

    static func route(_ head: HTTPRequestHead, key: [UInt8]) -> APIRoute {
        guard APIKey(key).authorizes(head.headers) else { return .refused(.unauthorized) }
        guard let endpoint = APIEndpoint(path: head.path) else { return .refused(.notFound(head.path)) }
        guard head.method == endpoint.method else {
            return .refused(APIError(.methodNotAllowed, .badRequest, "\(head.path) takes \(endpoint.method) only", allow: endpoint.method))
        }
        switch endpoint {
        case .publish: return body(.publish, head)
        case .broadcast: return body(.broadcast, head)
        case .disconnect: return body(.disconnect, head)
        case .rooms: return .request(.rooms)
        case .history(let room): return history(room, query: QueryParameters(head.query))
        case .members(let room): return members(room)
        }
    }

    private static func body(_ kind: BodyKind, _ head: HTTPRequestHead) -> APIRoute {
        guard let text = head.headers.first("Content-Length"), let length = Int(text), length >= 0 else {
            return .refused(APIError(.lengthRequired, .badRequest, "a POST needs a Content-Length"))
        }
        guard length <= APIRequest.maxBodyBytes else { return .refused(.tooLarge) }
        return .body(kind: kind, length: length)
    }

    private static func history(_ rawRoom: String, query: QueryParameters) -> APIRoute {
        guard let room = RoomName(rawRoom) else { return .refused(APIError(.badRequest, .badRoom, ChatError.badRoomMessage)) }
        var since: UInt64 = 0
        if let text = query.first(for: "since") {
            guard let value = UInt64(text) else {
                return .refused(APIError(.badRequest, .badRequest, "since must be a non-negative integer"))
            }
            since = value
        }
        var limit: Int?
        if let text = query.first(for: "limit") {
            guard let value = Int(text), value > 0 else {
                return .refused(APIError(.badRequest, .badRequest, "limit must be a positive integer"))
            }
            limit = value
        }
        return .request(.history(room: room, since: since, limit: limit))
    }

    private static func members(_ rawRoom: String) -> APIRoute {
        guard let room = RoomName(rawRoom) else { return .refused(APIError(.badRequest, .badRoom, ChatError.badRoomMessage)) }
        return .request(.members(room: room))
    }
}
