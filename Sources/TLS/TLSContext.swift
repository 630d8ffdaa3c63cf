import COpenSSL

/// An OpenSSL `SSL_CTX` that is never changed once made: protocol versions,
/// certificate and key (server) or trust (client). Every session made from
/// it takes its own reference (`SSL_new` counts one), so dropping a context,
/// as a certificate reload does, never disturbs the sessions already made:
/// OpenSSL frees it with the last of them.
public final class TLSContext: @unchecked Sendable {
    /// Safe to share between threads: OpenSSL locks what sessions change in
    /// a context (reference counts), and nothing else is changed after `init`.
    let pointer: OpaquePointer

    /// A context for `method` with the settings both sides share: TLS 1.2
    /// and 1.3 only, OpenSSL's default ciphers, no renegotiation, writes
    /// that fit a non-blocking event loop, and buffers released when idle.
    init(method: OpaquePointer?) throws(TLSError) {
        ErrorQueue.clear()
        guard let context = SSL_CTX_new(method) else { throw .library("SSL_CTX_new: \(ErrorQueue.take())") }
        pointer = context
        guard copenssl_set_min_protocol(pointer, TLS1_2_VERSION) == 1 else {
            throw .library("cannot require TLS 1.2: \(ErrorQueue.take())")
        }
        // Renegotiation (TLS 1.2) is refused: it would let a peer make the
        // server do handshake work at will, and make writes wait for reads.
        // An EOF without close_notify ends the stream like close_notify:
        // WebSocket frames carry their own lengths and close handshake.
        _ = SSL_CTX_set_options(pointer, copenssl_option_no_renegotiation | copenssl_option_ignore_unexpected_eof)
        // Partial writes: a write returns once a record went out, so the
        // caller consumes what was sent. Moving buffer: a write retried after
        // WANT_WRITE may pass the same bytes at another address (the
        // outbound queue grows or compacts meanwhile). Release buffers: an
        // idle session holds no read or write buffer.
        copenssl_set_mode(pointer, Int(SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER | SSL_MODE_RELEASE_BUFFERS))
        copenssl_enable_read_ahead(pointer)
    }

    deinit { SSL_CTX_free(pointer) }
}
