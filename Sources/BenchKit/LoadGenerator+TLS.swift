import SystemKit
import TLS

/// `--tls`: a TLS session on each connection. Its handshake is driven by the
/// same epoll loop as everything else, never blocking: each readiness event
/// moves it on, and once it is done the upgrade request goes out through it.
/// Every byte read or written afterwards passes through the session.
extension LoadGenerator {
    /// The context every session is made from (whom to trust), or nil
    /// without `--tls`.
    static func tlsContext(_ options: BenchOptions) throws(UsageError) -> TLSContext? {
        guard options.tls else { return nil }
        do {
            return try TLSContext.client(trustedCertificatesFile: options.caFile, verifiesPeer: !options.insecure)
        } catch {
            throw UsageError(message: error.description)
        }
    }

    /// TCP connected: the TLS handshake starts; the upgrade request waits
    /// in the send buffer until it is done.
    func startTLS(_ connection: BenchConnection, _ context: TLSContext) {
        guard let session = TLSSession.connecting(context, fd: connection.fd, serverName: options.host) else {
            explain(connection, .handshake, "cannot start a TLS session for \(options.host)")
            return closeConnection(connection, .handshake, errno: 0)
        }
        connection.tls = session
        connection.state = .securing
        advanceTLS(connection)
    }

    /// Moves the handshake on as far as the socket allows; once complete,
    /// sends the upgrade request.
    func advanceTLS(_ connection: BenchConnection) {
        guard let session = connection.tls else { return }
        switch session.handshake() {
        case .complete:
            connection.state = .handshaking
            flush(connection)
        case .wantsReadable:
            setInterest(connection, Epoll.readable)
        case .wantsWritable:
            setInterest(connection, Epoll.writable)
        case .failed(let failure):
            tlsFailed(connection, failure)
        }
    }

    private func tlsFailed(_ connection: BenchConnection, _ failure: TLSFailure) {
        switch failure.kind {
        case .connectionEnded:
            explain(connection, .eof, "the connection ended during the TLS handshake: \(failure.reason)")
            closeConnection(connection, .eof, errno: 0)
        case .untrustedCertificate:
            explain(connection, .handshake, "TLS: the server's certificate is not trusted (\(failure.reason)); "
                + "--ca-file FILE names the CA to trust, --insecure accepts any certificate")
            closeConnection(connection, .handshake, errno: 0)
        case .protocolError:
            explain(connection, .handshake, "TLS: \(failure.reason) (does the server speak TLS on this port?)")
            closeConnection(connection, .handshake, errno: 0)
        }
    }

    /// `readAll` through the session: decrypts into the shared buffer until
    /// the socket has no more. A full buffer may leave input inside OpenSSL
    /// that epoll cannot see, so then it reads on at once.
    func readAllSecure(_ connection: BenchConnection, _ session: TLSSession) {
        while connection.fd >= 0 {
            tally.reads += 1
            switch session.read(into: readBuffer) {
            case .transferred(let count):
                tally.bytesIn += UInt64(count)
                now = MonotonicClock.now()
                consume(connection, UnsafeMutableRawBufferPointer(rebasing: readBuffer[..<count]))
                if count < readBuffer.count { return }
            case .wouldBlock:
                if session.readNeedsWritable { setInterest(connection, idleInterest(connection)) }
                return
            case .endOfStream:
                return readEnded(connection, errno: 0)
            case .failed(let failure) where failure.kind == .connectionEnded:
                return readEnded(connection, errno: 0)
            case .failed(let failure):
                explain(connection, .protocol, "TLS: \(failure.reason)")
                return closeConnection(connection, .protocol, errno: 0)
            }
        }
    }

    /// The epoll interest of a connection with nothing to send: readable,
    /// and writable too while a TLS read waits to write (a key update's answer).
    func idleInterest(_ connection: BenchConnection) -> UInt32 {
        guard let session = connection.tls, session.readNeedsWritable else { return Epoll.readable }
        return Epoll.readable | Epoll.writable
    }
}
