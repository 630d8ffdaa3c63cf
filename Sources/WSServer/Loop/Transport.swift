import Glibc
import TLS

/// How a connection's bytes meet the network: straight through the socket
/// (ws://, http://), or through a TLS session on it (wss://, https://).
/// `Connection` reads, writes and ends through this one type and never asks
/// which it is, except to run the TLS handshake first. The plain path costs
/// one branch over calling the socket directly; being noncopyable, the
/// transport is used in place, never copied (no reference counting).
struct Transport: ~Copyable {
    let fd: Int32
    /// Nil for plaintext.
    let tls: TLSSession?

    init(fd: Int32, tls: TLSSession? = nil) {
        self.fd = fd
        self.tls = tls
    }

    var isTLS: Bool { tls != nil }

    /// One read's worth of plaintext (see `TLSSession.read`).
    @inline(__always)
    func read(into buffer: UnsafeMutableRawBufferPointer) -> Socket.Outcome {
        guard let tls else { return Socket.read(fd, into: buffer) }
        return Self.read(tls, into: buffer)
    }

    /// Sends what the socket takes now; a short count means it is full.
    @inline(__always)
    func write(_ bytes: UnsafeRawBufferPointer) -> Socket.Outcome {
        guard let tls else { return Socket.write(fd, bytes) }
        return Self.write(tls, bytes)
    }

    // Out of line, so the plain path inlined into `Connection` stays small.
    @inline(never)
    private static func read(_ tls: TLSSession, into buffer: UnsafeMutableRawBufferPointer) -> Socket.Outcome {
        outcome(tls.read(into: buffer))
    }

    @inline(never)
    private static func write(_ tls: TLSSession, _ bytes: UnsafeRawBufferPointer) -> Socket.Outcome {
        outcome(tls.write(bytes))
    }

    /// Plaintext the TLS library holds where epoll cannot see it: the
    /// connection must be read again without waiting for readiness.
    var hasBufferedInput: Bool { tls?.hasBufferedInput ?? false }

    /// The last read waits for the socket to be writable (TLS only).
    var readNeedsWritable: Bool { tls?.readNeedsWritable ?? false }

    /// Input that arrived and was not read yet, in the socket or in TLS.
    var hasUnreadInput: Bool { Socket.unreadByteCount(fd) > 0 || hasBufferedInput }

    /// Ends our direction: close_notify first with TLS, then FIN. False
    /// while close_notify waits for room: call again when writable.
    func shutdownWrite() -> Bool {
        guard tls?.sendCloseNotify() ?? true else { return false }
        Socket.shutdownWrite(fd)
        return true
    }

    /// Raw bytes from the socket, thrown away (after the close handshake,
    /// so that `close` sends FIN rather than a reset).
    func discardInput(using buffer: UnsafeMutableRawBufferPointer) {
        while case .transferred = Socket.read(fd, into: buffer) {}
    }

    func close() {
        Socket.close(fd)
    }

    private static func outcome(_ outcome: TLSSession.Outcome) -> Socket.Outcome {
        switch outcome {
        case .transferred(let count): .transferred(count)
        case .wouldBlock: .wouldBlock
        case .endOfStream: .endOfStream
        case .failed: .failed(EPROTO)
        }
    }
}
