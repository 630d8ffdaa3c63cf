import ChatWire

/// Chat work for the registry, queued by the loop that owns the client and
/// run in order on loop 0. Requests are parsed on the client's own loop, so
/// the registry never parses JSON.
enum RegistryCall: Sendable {
    case connect(ClientID, ConnectRequest)
    case request(ClientID, ChatRequest, frameBytes: Int)
    case invalid(ClientID, ChatError, frameBytes: Int)
    /// A frame that was not a request (a pong, say) still counts as activity.
    case touch(ClientID)
    /// The client leaves every room. With `acknowledge`, it started the
    /// close handshake and waits for the replies to its last requests: a
    /// final `.completeClose` for it follows them in the delivery stream.
    case disconnect(ClientID, acknowledge: Bool)
    /// An HTTP API call from the connection `ClientID` names.
    case api(ClientID, APIRequest)

    /// The call for one text message from `id`.
    static func request(from id: ClientID, payload: UnsafeRawBufferPointer) -> RegistryCall {
        switch ChatRequest.parse(payload) {
        case .success(let request): .request(id, request, frameBytes: payload.count)
        case .failure(let error): .invalid(id, error, frameBytes: payload.count)
        }
    }

    /// The client the call is about.
    var client: ClientID {
        switch self {
        case .connect(let id, _), .request(let id, _, _), .invalid(let id, _, _), .touch(let id), .disconnect(let id, _),
             .api(let id, _): id
        }
    }

    /// Bytes the call holds while it waits (requests carry their text).
    var weight: Int {
        switch self {
        case .request(_, _, let frameBytes), .invalid(_, _, let frameBytes): 64 + frameBytes
        case .connect(_, let request): 128 + request.rooms.reduce(0) { $0 + $1.utf8.count }
        case .touch, .disconnect: 32
        case .api: 256
        }
    }
}
