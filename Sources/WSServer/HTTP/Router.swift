import WSProtocol

/// Decides what a request head gets, per the endpoint table of PROTOCOL.md:
/// a WebSocket session on `/` (chat) or `/echo`, the page at `/`, `/health`,
/// `/metrics`, or an HTTP error.
struct Router {
    /// The decision for one request.
    enum Route {
        /// A WebSocket session, with the permessage-deflate configuration accepted, if any.
        case upgrade(Connection.Endpoint, UpgradeRequest, deflate: DeflateParameters?)
        /// An HTTP response; `failure` labels a refused upgrade for `/metrics`.
        case respond(HTTPResponse, failure: String?)
    }

    let config: ServerConfig
    let metrics: ServerMetrics

    func route(_ head: HTTPRequestHead) -> Route {
        if ServerHandshake.isUpgradeRequest(head) { return routeUpgrade(head) }
        guard head.method == "GET" || head.method == "HEAD" else {
            return .respond(.plainText(.methodNotAllowed, "use GET", headers: ["Allow": "GET, HEAD"]), failure: nil)
        }
        switch head.path {
        case "/": return .respond(ChatPage.response, failure: nil)
        case "/health": return .respond(HealthReport(metrics: metrics).response, failure: nil)
        case "/metrics": return .respond(MetricsExposition(metrics: metrics).response, failure: nil)
        case "/echo": return .respond(Self.upgradeRequired, failure: nil)
        default: return .respond(.plainText(.notFound, "no such page: \(head.path)"), failure: nil)
        }
    }

    private func routeUpgrade(_ head: HTTPRequestHead) -> Route {
        let endpoint: Connection.Endpoint
        switch head.path {
        case "/": endpoint = .chat
        case "/echo": endpoint = .echo
        default: return .respond(.plainText(.notFound, "no WebSocket endpoint at \(head.path)"), failure: "not_found")
        }
        let request: UpgradeRequest
        do {
            request = try ServerHandshake.validate(head)
        } catch {
            return .respond(error.response(), failure: error.label)
        }
        guard isAllowed(origin: request.origin) else {
            return .respond(.plainText(.forbidden, "origin not allowed"), failure: "forbidden_origin")
        }
        // With deflate off the offers are ignored: a 101 that names no extension declines them all.
        let deflate = config.deflate ? DeflateOffer.negotiate(request.extensions) : nil
        return .upgrade(endpoint, request, deflate: deflate)
    }

    /// Requests without an Origin come from non-browser clients, which can
    /// send any Origin they like, so only browsers are held to the list.
    private func isAllowed(origin: String?) -> Bool {
        guard !config.allowedOrigins.isEmpty, let origin else { return true }
        return config.allowedOrigins.contains { $0.lowercased() == origin.lowercased() }
    }

    /// A plain GET of a WebSocket endpoint.
    static let upgradeRequired = HTTPResponse.plainText(
        .upgradeRequired, "this endpoint speaks WebSocket",
        headers: ["Upgrade": "websocket", "Sec-WebSocket-Version": "13"])
}
