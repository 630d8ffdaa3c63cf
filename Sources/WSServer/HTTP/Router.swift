import SystemKit
import WSProtocol

/// Decides what a request head gets, per docs/protocol.md, "Endpoints":
/// a WebSocket session on `/` (chat) or `/echo`, the page at `/`, `/health`,
/// `/metrics`, or an HTTP error.
struct Router {
    /// The decision for one request.
    enum Route {
        /// A WebSocket session, with the permessage-deflate configuration
        /// accepted, if any, and an authenticated chat client's token.
        case upgrade(Connection.Endpoint, UpgradeRequest, deflate: DeflateParameters?, token: VerifiedToken?)
        /// An HTTP response; `failure` labels a refused upgrade for `/metrics`.
        case respond(HTTPResponse, failure: String?)
        /// A call of the HTTP API (on only with an API key).
        case api(APIRoute)
    }

    let config: ServerConfig
    let metrics: ServerMetrics
    /// Who is asking: the echo endpoint answers loopback peers by default.
    let peer: PeerAddress

    func route(_ head: HTTPRequestHead) -> Route {
        if ServerHandshake.isUpgradeRequest(head) { return routeUpgrade(head) }
        if head.path.hasPrefix("/api/") {
            guard let key = config.apiKey else { return .respond(.plainText(.notFound, "the HTTP API is off"), failure: nil) }
            return .api(APIRoute.route(head, key: key))
        }
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
        case "/echo" where echoIsOpen: endpoint = .echo
        case "/echo" where config.echo == .local:
            return .respond(.plainText(.forbidden, Self.echoIsLocal), failure: "echo_not_local")
        default: return .respond(.plainText(.notFound, "no WebSocket endpoint at \(head.path)"), failure: "not_found")
        }
        let request: UpgradeRequest
        do {
            request = try ServerHandshake.validate(head)
        } catch {
            return .respond(error.response(), failure: error.label)
        }
        guard OriginPolicy(allowed: config.allowedOrigins).allows(origin: request.origin, host: request.host) else {
            return .respond(.plainText(.forbidden, "origin not allowed"), failure: "forbidden_origin")
        }
        // With deflate off the offers are ignored: a 101 that names no extension declines them all.
        let deflate = config.deflate ? DeflateOffer.negotiate(request.extensions) : nil
        guard endpoint == .chat else { return .upgrade(endpoint, request, deflate: deflate, token: nil) }
        switch UpgradeAuthentication(config: config).check(head, now: WallClock.milliseconds() / 1000) {
        case .guest: return .upgrade(endpoint, request, deflate: deflate, token: nil)
        case .verified(let token): return .upgrade(endpoint, request, deflate: deflate, token: token)
        case .refused(let refusal):
            metrics.countAuthFailure(refusal.label)
            return .respond(UpgradeAuthentication.response(for: refusal), failure: "token")
        }
    }

    /// `/echo` serves conformance tests and diagnostics, which run on the
    /// server's own machine: others get it only with `--echo public`.
    private var echoIsOpen: Bool {
        switch config.echo {
        case .public: true
        case .local: peer.isLoopback
        case .off: false
        }
    }

    static let echoIsLocal = "the echo endpoint answers local clients only (see --echo)"

    /// A plain GET of a WebSocket endpoint.
    static let upgradeRequired = HTTPResponse.plainText(
        .upgradeRequired, "this endpoint speaks WebSocket",
        headers: ["Upgrade": "websocket", "Sec-WebSocket-Version": "13"])
}
