import WSProtocol

/// Why a client connection could not be made or went away.
public enum ClientError: Error, Equatable, Sendable, CustomStringConvertible {
    case badURL(String, String)
    /// Name resolution failed.
    case unknownHost(String)
    /// TCP connect failed (refused, unreachable, timed out).
    case connectFailed(String)
    /// The TLS handshake failed (wss://): no common version, cipher or
    /// protocol, or the connection ended during it.
    case tlsFailed(String)
    /// The server's certificate did not verify (wss://): an unknown CA, an
    /// expired certificate, another host's name.
    case untrustedCertificate(String)
    /// The server's answer was not a valid upgrade.
    case handshakeFailed(String)
    /// The server answered the upgrade with another status than 101
    /// (`401` for a refused token, `403`, `503`, ...).
    case upgradeRefused(HTTPStatus)
    /// Reading or writing the socket failed, or it closed without a close frame.
    case connectionLost(String)
    case timedOut

    public var description: String {
        switch self {
        case .badURL(let url, let why): "bad URL '\(url)': \(why)"
        case .unknownHost(let host): "cannot resolve host '\(host)'"
        case .connectFailed(let why): "cannot connect: \(why)"
        case .tlsFailed(let why): "TLS handshake failed: \(why)"
        case .untrustedCertificate(let why): "the server's certificate is not trusted: \(why)"
        case .handshakeFailed(let why): "handshake failed: \(why)"
        case .upgradeRefused(let status): "handshake failed: \(ClientHandshakeError.unexpectedStatus(status))"
        case .connectionLost(let why): "connection lost: \(why)"
        case .timedOut: "timed out"
        }
    }
}
