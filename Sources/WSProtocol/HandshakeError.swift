/// Every reason the server refuses an opening handshake (RFC 6455 section
/// 4.2.1), each with its status, a reason, a metrics label and a response.
public enum HandshakeError: Error, Equatable, Sendable {
    /// "The method of the request MUST be GET".
    case methodNotAllowed(method: String)
    /// "The HTTP version MUST be at least 1.1".
    case unsupportedHTTPVersion(HTTPVersion)
    case missingHost
    case duplicateHost
    /// No `websocket` token in `Upgrade`.
    case missingUpgrade
    /// No `upgrade` token in `Connection`.
    case missingConnectionUpgrade
    /// `Sec-WebSocket-Version` absent, repeated, or not `13`.
    case unsupportedWebSocketVersion
    case missingKey
    case duplicateKey
    /// A key that is not base64 of exactly 16 bytes.
    case invalidKey

    public var status: HTTPStatus {
        switch self {
        case .methodNotAllowed: .methodNotAllowed
        case .unsupportedWebSocketVersion: .upgradeRequired
        case .unsupportedHTTPVersion, .missingHost, .duplicateHost, .missingUpgrade,
             .missingConnectionUpgrade, .missingKey, .duplicateKey, .invalidKey:
            .badRequest
        }
    }

    /// Short and human, for the response body and the logs.
    public var reason: String {
        switch self {
        case .methodNotAllowed(let method): "method \(method) not allowed, use GET"
        case .unsupportedHTTPVersion(let version): "\(version) cannot upgrade, use HTTP/1.1"
        case .missingHost: "missing Host header"
        case .duplicateHost: "more than one Host header"
        case .missingUpgrade: "Upgrade header must name websocket"
        case .missingConnectionUpgrade: "Connection header must include upgrade"
        case .unsupportedWebSocketVersion: "Sec-WebSocket-Version must be 13"
        case .missingKey: "missing Sec-WebSocket-Key header"
        case .duplicateKey: "more than one Sec-WebSocket-Key header"
        case .invalidKey: "Sec-WebSocket-Key must be base64 of 16 bytes"
        }
    }

    /// A fixed snake_case name for metrics labels: one series per case, no payload.
    public var label: String {
        switch self {
        case .methodNotAllowed: "bad_method"
        case .unsupportedHTTPVersion: "bad_version"
        case .missingHost: "missing_host"
        case .duplicateHost: "duplicate_host"
        case .missingUpgrade: "bad_upgrade"
        case .missingConnectionUpgrade: "bad_connection"
        case .unsupportedWebSocketVersion: "bad_ws_version"
        case .missingKey: "missing_key"
        case .duplicateKey: "duplicate_key"
        case .invalidKey: "bad_key"
        }
    }

    /// The plain-text refusal, with the header each status requires.
    public func response() -> HTTPResponse {
        HTTPResponse.plainText(status, reason, headers: extraHeaders)
    }

    private var extraHeaders: HTTPHeaders {
        switch self {
        // "The origin server MUST generate an Allow header field in a 405
        // response" (RFC 9110 section 15.5.6).
        case .methodNotAllowed: ["Allow": "GET"]
        // RFC 6455 section 4.2.2: on a version it does not understand the
        // server sends "a |Sec-WebSocket-Version| header field indicating the
        // version(s) the server is capable of understanding"; and "the server
        // MUST send an Upgrade header field in a 426 response" (RFC 9110 section 15.5.22).
        case .unsupportedWebSocketVersion: ["Upgrade": "websocket", "Sec-WebSocket-Version": "13"]
        case .unsupportedHTTPVersion, .missingHost, .duplicateHost, .missingUpgrade,
             .missingConnectionUpgrade, .missingKey, .duplicateKey, .invalidKey:
            [:]
        }
    }
}
