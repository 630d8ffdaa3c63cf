import Glibc
import RESP

/// Why a Redis command or connection failed. The first group fails one
/// command and leaves the connection up; every other case closed the
/// connection and failed everything pending with it.
enum RedisError: Error, Hashable, Sendable {
    /// Redis answered with an error reply, e.g. `NOSCRIPT No matching script`.
    case server(String)
    /// Refused at once: the command would take the unsent output past `Options.maxOutputBytes`.
    case outputLimitExceeded(limit: Int)
    /// Refused at once: `Options.maxPendingReplies` replies are already awaited.
    case tooManyPending(limit: Int)
    /// Refused at once: a subscriber connection only takes (P)SUBSCRIBE, (P)UNSUBSCRIBE, PING and QUIT.
    case notAllowedWhileSubscribed(String)
    /// Refused at once: the command would break reply matching (MONITOR, HELLO, RESET, CLIENT REPLY, ...).
    case unsupportedCommand(String)

    /// The host name could not be resolved.
    case unknownHost(String)
    /// The TCP connect failed (errno).
    case connectFailed(Int32)
    /// The TCP connect did not complete within `Options.connectTimeout`.
    case connectTimedOut
    /// AUTH was refused: the server's message.
    case authenticationFailed(String)
    /// SELECT was refused: the server's message.
    case selectFailed(String)
    /// A read or write failed (errno), e.g. ECONNRESET.
    case socketFailed(Int32)
    /// The server closed the connection.
    case closedByServer
    /// The server's bytes are not RESP2, or break `Options.limits`.
    case protocolViolation(RESPError)
    /// A reply arrived when none was awaited.
    case unexpectedReply
    /// The oldest awaited reply did not arrive within its timeout: the connection is considered dead.
    case replyTimedOut
    /// The owner called `close()`.
    case closedByOwner

    /// The first word of a server error (`NOSCRIPT`, `WRONGTYPE`, `ERR`), nil for other cases.
    var serverErrorCode: Substring? {
        guard case .server(let message) = self else { return nil }
        return message.split(separator: " ", maxSplits: 1).first
    }
}

extension RedisError: CustomStringConvertible {
    var description: String {
        switch self {
        case .server(let message): "redis error: \(message)"
        case .outputLimitExceeded(let limit): "refused: over \(limit) bytes of commands waiting to be written"
        case .tooManyPending(let limit): "refused: \(limit) replies already awaited"
        case .notAllowedWhileSubscribed(let name): "refused: \(name) is not allowed on a subscriber connection"
        case .unsupportedCommand(let reason): "refused: \(reason)"
        case .unknownHost(let host): "cannot resolve \(host)"
        case .connectFailed(let code): "connect failed: \(String(cString: strerror(code)))"
        case .connectTimedOut: "connect timed out"
        case .authenticationFailed(let message): "authentication failed: \(message)"
        case .selectFailed(let message): "SELECT failed: \(message)"
        case .socketFailed(let code): "connection failed: \(String(cString: strerror(code)))"
        case .closedByServer: "connection closed by the server"
        case .protocolViolation(let error): "protocol violation: \(error)"
        case .unexpectedReply: "protocol violation: a reply nothing was waiting for"
        case .replyTimedOut: "reply timed out; connection considered dead"
        case .closedByOwner: "connection closed"
        }
    }
}
