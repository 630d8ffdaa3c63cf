/// Where one benchmark connection stands, from socket to close.
enum ConnectionState: Sendable {
    /// Not started yet (or never: the launch stopped).
    case idle
    /// TCP connect in progress; the upgrade request waits in the send buffer.
    case connecting
    /// `--tls`: TCP connected, TLS handshake in progress; the upgrade
    /// request waits until it is done.
    case securing
    /// Upgrade request sent; reading the server's answer.
    case handshaking
    /// WebSocket open.
    case open
    /// Our close frame is queued or sent; waiting for the server's and its FIN.
    case closing
    /// Socket closed.
    case closed
}
