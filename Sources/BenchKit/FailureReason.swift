import Glibc

/// Why a connection failed before it was ready, or was lost later: wsload's
/// categories and JSON names, so the two tools' failure counts compare.
public enum FailureReason: String, CaseIterable, Sendable {
    case refused
    /// Out of local ports (or the source address is unusable).
    case addrnotavail
    /// Out of descriptors or kernel memory.
    case emfile
    case timeout
    case reset
    /// The server closed the connection (TCP FIN or a close frame).
    case eof
    /// The TLS handshake failed (`--tls`), or the answer to the upgrade
    /// request was not a valid 101.
    case handshake
    /// The server broke RFC 6455.
    case `protocol`
    case other

    init(errno code: Int32) {
        switch code {
        case ECONNREFUSED: self = .refused
        case EADDRNOTAVAIL, EADDRINUSE: self = .addrnotavail
        case EMFILE, ENFILE, ENOBUFS, ENOMEM: self = .emfile
        case ETIMEDOUT: self = .timeout
        case ECONNRESET, EPIPE, ECONNABORTED: self = .reset
        default: self = .other
        }
    }

    /// Whether launching more connections is pointless after this failure.
    var stopsLaunching: Bool {
        switch self {
        case .addrnotavail, .emfile: true
        case .refused, .timeout, .reset, .eof, .handshake, .protocol, .other: false
        }
    }
}
