/// The TLS phase (with `--tls-cert`): the handshake comes before the HTTP
/// phase, on the same deadline (`--handshake-timeout` from the accept), so
/// a client that stalls before or inside its ClientHello is dropped by it.
/// OpenSSL says which readiness it waits for, and the epoll interest
/// follows. Anything but TLS (a plaintext request, garbage, TLS 1.1) ends
/// the connection at once, counted as `chat_handshake_failures_total{reason="tls"}`.
extension Connection {
    func continueTLSHandshake() {
        guard let tls = transport.tls else { return }
        switch tls.handshake() {
        case .complete:
            phase = .http
            loop.updateInterest(self, .readable)
            // The request may have come with the client's Finished, and
            // read-ahead may already hold it.
            readOnce()
        case .wantsReadable:
            loop.updateInterest(self, .readable)
        case .wantsWritable:
            loop.updateInterest(self, .writable)
        case .failed(let failure):
            switch failure.kind {
            case .protocolError, .untrustedCertificate: loop.metrics.countHandshakeFailure("tls")
            case .connectionEnded: break
            }
            Log.debug("\(id): TLS handshake failed: \(failure)")
            terminate()
        }
    }
}
