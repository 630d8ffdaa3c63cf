/// Why the client fails the WebSocket connection after reading the server's
/// answer (RFC 6455 section 4.1), described for a person at a terminal.
public enum ClientHandshakeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Anything but 101; the server refused or is not a WebSocket server.
    case unexpectedStatus(HTTPStatus)
    /// `Upgrade` absent or not `websocket`.
    case missingUpgrade(received: String?)
    /// `Connection` without the token `upgrade`.
    case missingConnectionUpgrade(received: String?)
    case missingAccept
    /// `Sec-WebSocket-Accept` repeated or not the hash of our key.
    case wrongAccept(expected: String, received: String)
    /// `Sec-WebSocket-Extensions` naming an extension that was not offered, or more than one.
    case unexpectedExtensions(String)
    /// A permessage-deflate answer that breaks RFC 7692 section 7.1 or that this client cannot use.
    case unacceptableDeflateAnswer(String)
    /// A `Sec-WebSocket-Protocol` the client did not offer, or more than one.
    case unexpectedSubprotocol(String)

    public var description: String {
        switch self {
        case .unexpectedStatus(let status): "server answered \(status)"
        case .missingUpgrade(let received): "server answered Upgrade: \(received ?? "(none)"), expected websocket"
        case .missingConnectionUpgrade(let received): "server answered Connection: \(received ?? "(none)"), expected Upgrade"
        case .missingAccept: "server sent no Sec-WebSocket-Accept"
        case .wrongAccept(let expected, let received): "server sent Sec-WebSocket-Accept \(received), expected \(expected)"
        case .unexpectedExtensions(let received): "server chose extensions that were not offered: \(received)"
        case .unacceptableDeflateAnswer(let received): "server answered an unusable permessage-deflate: \(received)"
        case .unexpectedSubprotocol(let received): "server chose a subprotocol that was not offered: \(received)"
        }
    }
}
