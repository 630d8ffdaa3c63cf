import ChatWire
import WSProtocol

/// The HTTP phase: read the request head, then upgrade or answer and close.
extension Connection {
    func consumeHead(_ bytes: UnsafeMutableRawBufferPointer) {
        let result: HTTPHeadParseResult<HTTPRequestHead>
        do {
            result = try head.parse(UnsafeRawBufferPointer(bytes))
        } catch {
            loop.metrics.countHandshakeFailure("bad_request")
            return respond(.plainText(error.status, error.reason), headOnly: false)
        }
        guard case .complete(let request, let consumed) = result else { return }
        head = HTTPRequestHeadParser()
        switch Router(config: loop.config, metrics: loop.metrics, peer: peer).route(request) {
        case .upgrade(let endpoint, let upgrade, let deflate, let token):
            let leftover = UnsafeMutableRawBufferPointer(rebasing: bytes[consumed...])
            self.upgrade(to: endpoint, upgrade, deflate: deflate, token: token, leftover: leftover)
        case .respond(let response, let failure):
            if let failure { loop.metrics.countHandshakeFailure(failure) }
            respond(response, headOnly: request.method == "HEAD")
        case .api(let route):
            callAPI(route, leftover: UnsafeMutableRawBufferPointer(rebasing: bytes[consumed...]))
        }
    }

    /// Sends a plain HTTP response and closes (no keep-alive: every response
    /// carries `Connection: close`).
    func respond(_ response: HTTPResponse, headOnly: Bool) {
        var bytes = response.bytes
        if headOnly { bytes.removeLast(response.body.count) }
        session.output.append(bytes)
        finish()
    }

    private func upgrade(
        to endpoint: Endpoint, _ request: UpgradeRequest, deflate: DeflateParameters?, token: VerifiedToken?,
        leftover: UnsafeMutableRawBufferPointer
    ) {
        guard reserveConnection() else {
            loop.metrics.countHandshakeFailure("over_capacity")
            return respond(.plainText(.serviceUnavailable, "server is at its connection limit"), headOnly: false)
        }
        let config = loop.config
        self.endpoint = endpoint
        loop.gate.handshakeEnded()
        phase = .open
        deadline = 0
        let compression = deflate.map { loop.compression($0) }
        deflateWindow = deflate?.outgoingWindowBits(for: .server)
        switch endpoint {
        case .chat:
            session = WebSocketSession(role: .server, maxMessageSize: config.maxMessageSize, messageExtension: compression)
            session.acceptsBinary = false
            session.defersCloseReply = true
            outboundLimit = config.maxOutbound
        case .echo:
            session = WebSocketSession(role: .server, maxMessageSize: config.echoMaxMessageSize, messageExtension: compression)
            outboundLimit = config.echoOutboundLimit
        }
        session.pongHoldThreshold = config.maxOutbound
        session.output.append(ServerHandshake.response(for: request, deflate: deflate))
        if endpoint == .chat { joinChat(request, token: token) }
        loop.markDirty(self)
        if !leftover.isEmpty { consumeFrames(leftover) }
    }

    /// Counts the session against `--max-connections`; false when full.
    private func reserveConnection() -> Bool {
        let metrics = loop.metrics
        var current = metrics.openConnections.load(ordering: .relaxed)
        while current < loop.config.maxConnections {
            let (exchanged, actual) = metrics.openConnections.compareExchange(
                expected: current, desired: current + 1, ordering: .relaxed)
            if exchanged { return true }
            current = actual
        }
        return false
    }

    /// Hands the new chat client to the registry with what the URL asked for:
    /// `room=R` (repeatable), `name=N`, `since=S` and `epoch=E` (with a single room).
    private func joinChat(_ request: UpgradeRequest, token: VerifiedToken?) {
        loop.metrics.chatClients.wrappingAdd(1, ordering: .relaxed)
        inRegistry = true
        let query = request.queryParameters
        let connect = ConnectRequest(
            name: query.first(for: "name"), rooms: query.values(for: "room"),
            since: query.first(for: "since").flatMap { UInt64($0) }, epoch: query.first(for: "epoch").flatMap(Epoch.init),
            identity: token?.identity, displayName: token?.name)
        if let token { armTokenExpiry(token.expiry) }
        loop.submit(.connect(id, connect))
        lastReportedActivity = loop.now
    }
}
