/// Chat work for the registry, queued by the loop that owns the client and
/// run in order on loop 0. Requests are parsed on the client's own loop, so
/// the registry never parses JSON.
enum RegistryCall: Sendable {
    case connect(ClientID, name: String?, rooms: [String], since: UInt64?)
    case request(ClientID, ChatRequest)
    case invalid(ClientID, ChatError)
    /// A frame that was not a request (a pong, say) still counts as activity.
    case touch(ClientID)
    /// The client leaves every room. With `acknowledge`, it started the
    /// close handshake and waits for the replies to its last requests: a
    /// final `.completeClose` for it follows them in the delivery stream.
    case disconnect(ClientID, acknowledge: Bool)

    /// The call for one text message from `id`.
    static func request(from id: ClientID, payload: UnsafeRawBufferPointer) -> RegistryCall {
        switch ChatRequest.parse(payload) {
        case .success(let request): .request(id, request)
        case .failure(let error): .invalid(id, error)
        }
    }
}
