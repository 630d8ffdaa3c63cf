import COpenSSL
import Glibc

/// One TLS session over a non-blocking socket, driven by the caller's
/// readiness loop (epoll in the server, poll in the client): every call
/// returns at once with what it achieved, or with the readiness it waits
/// for. The socket stays the caller's: freeing the session does not close it.
public final class TLSSession {
    /// How far a handshake got in one call.
    public enum Step: Equatable, Sendable {
        case complete
        /// Call again when the socket is readable.
        case wantsReadable
        /// Call again when the socket is writable.
        case wantsWritable
        case failed(TLSFailure)
    }

    /// What a read or write achieved.
    public enum Outcome: Equatable, Sendable {
        /// This many plaintext bytes moved (never 0).
        case transferred(Int)
        /// Nothing moved: the socket has no input (read) or no room (write).
        case wouldBlock
        /// The peer closed the session (close_notify, or EOF).
        case endOfStream
        case failed(TLSFailure)
    }

    let ssl: OpaquePointer
    private let isClient: Bool
    /// After a fatal error OpenSSL must not be asked for anything more.
    var hasFailed = false
    /// The last read stopped because the caller's buffer was full while
    /// OpenSSL still held input: the socket may be empty, so readiness
    /// will not report it; read again without waiting.
    public internal(set) var hasBufferedInput = false
    /// The last read could not finish before the socket takes a write
    /// (a TLS 1.3 key update to answer): read again when it is writable.
    public internal(set) var readNeedsWritable = false
    private var closeNotifySent = false

    private init?(context: TLSContext, fd: Int32, isClient: Bool) {
        guard let method = Self.socketMethod, let ssl = SSL_new(context.pointer) else { return nil }
        self.ssl = ssl
        self.isClient = isClient
        guard copenssl_attach_socket(ssl, method, fd) == 1 else { return nil }
    }

    deinit { SSL_free(ssl) }

    /// A BIO method made once for every session (see the shim); OpenSSL
    /// only reads it after it is made.
    nonisolated(unsafe) private static let socketMethod: OpaquePointer? = copenssl_make_socket_method()

    /// The server's side of a session on an accepted socket.
    public static func accepting(_ context: TLSContext, fd: Int32) -> TLSSession? {
        guard let session = TLSSession(context: context, fd: fd, isClient: false) else { return nil }
        SSL_set_accept_state(session.ssl)
        return session
    }

    /// The client's side, for `serverName`: sent as SNI and checked against
    /// the certificate (DNS name, or IP address for a literal address; RFC
    /// 6066 keeps literal addresses out of SNI) when the context verifies.
    public static func connecting(_ context: TLSContext, fd: Int32, serverName: String) -> TLSSession? {
        guard let session = TLSSession(context: context, fd: fd, isClient: true) else { return nil }
        let ssl = session.ssl
        SSL_set_connect_state(ssl)
        if isAddressLiteral(serverName) {
            guard X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), serverName) == 1 else { return nil }
        } else {
            guard SSL_set1_host(ssl, serverName) == 1, copenssl_set_server_name(ssl, serverName) == 1 else { return nil }
        }
        return session
    }

    private static func isAddressLiteral(_ host: String) -> Bool {
        var address = in6_addr()
        return inet_pton(AF_INET, host, &address) == 1 || inet_pton(AF_INET6, host, &address) == 1
    }

    /// Advances the handshake as far as the socket allows.
    public func handshake() -> Step {
        guard !hasFailed else { return .failed(TLSFailure(.connectionEnded, "the session already failed")) }
        ErrorQueue.clear()
        let result = SSL_do_handshake(ssl)
        if result == 1 { return .complete }
        switch SSL_get_error(ssl, result) {
        case SSL_ERROR_WANT_READ: return .wantsReadable
        case SSL_ERROR_WANT_WRITE: return .wantsWritable
        case let code: return .failed(fail(code))
        }
    }

    /// Sends close_notify once the handshake is done, so the peer can tell
    /// our end of the stream from a cut; false while the alert waits for
    /// room in the socket (call again when it is writable). True also when
    /// there is nothing to send: a failed or unfinished session.
    public func sendCloseNotify() -> Bool {
        guard !hasFailed, !closeNotifySent, SSL_is_init_finished(ssl) == 1 else { return true }
        ErrorQueue.clear()
        let result = SSL_shutdown(ssl)
        if result < 0, SSL_get_error(ssl, result) == SSL_ERROR_WANT_WRITE { return false }
        ErrorQueue.clear()
        closeNotifySent = true
        return true
    }

    /// Marks the session failed and says why, from OpenSSL's error code,
    /// errno and error queue (which it leaves empty).
    func fail(_ code: Int32) -> TLSFailure {
        let systemError = errno
        hasFailed = true
        switch code {
        case SSL_ERROR_ZERO_RETURN:
            return TLSFailure(.connectionEnded, "the peer closed the session")
        case SSL_ERROR_SYSCALL:
            ErrorQueue.clear()
            return TLSFailure(.connectionEnded, systemError == 0 ? "the connection closed" : String(cString: strerror(systemError)))
        default:
            let verification = SSL_get_verify_result(ssl)
            if isClient, verification != X509_V_OK {
                ErrorQueue.clear()
                return TLSFailure(.untrustedCertificate, String(cString: X509_verify_cert_error_string(verification)))
            }
            if ErrorQueue.lastReason == SSL_R_UNEXPECTED_EOF_WHILE_READING {
                ErrorQueue.clear()
                return TLSFailure(.connectionEnded, "the connection closed")
            }
            return TLSFailure(.protocolError, ErrorQueue.take())
        }
    }
}
