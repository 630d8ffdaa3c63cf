import CEpoll
import Glibc
import SystemKit
import TLS

/// The client's byte stream: the socket itself (ws://) or a TLS session on
/// it (wss://). Reads and writes never block; the waits around them are
/// bounded polls. It owns the socket and closes it when released.
final class ClientTransport {
    let fd: Int32
    /// Nil for plaintext.
    private let tls: TLSSession?

    init(fd: Int32, tls: TLSSession? = nil) {
        self.fd = fd
        self.tls = tls
    }

    deinit { Glibc.close(fd) }

    /// Runs the TLS handshake on the connected `fd` (SNI and the name
    /// check for `host`) until `deadline`. Closes `fd` when it fails.
    static func secure(_ fd: Int32, host: String, options: TLSClientOptions, deadline: Double) throws(ClientError) -> ClientTransport {
        let context: TLSContext
        do {
            context = try TLSContext.client(
                trustedCertificatesFile: options.trustedCertificatesFile, verifiesPeer: options.verifiesCertificate)
        } catch {
            Glibc.close(fd)
            throw .tlsFailed(error.description)
        }
        guard let session = TLSSession.connecting(context, fd: fd, serverName: host) else {
            Glibc.close(fd)
            throw .tlsFailed("cannot start a TLS session for \(host)")
        }
        let transport = ClientTransport(fd: fd, tls: session)
        try transport.handshake(session, deadline: deadline)
        return transport
    }

    private func handshake(_ session: TLSSession, deadline: Double) throws(ClientError) {
        while true {
            let events: Int16
            switch session.handshake() {
            case .complete: return
            case .wantsReadable: events = Int16(POLLIN)
            case .wantsWritable: events = Int16(POLLOUT)
            case .failed(let failure) where failure.kind == .untrustedCertificate:
                throw .untrustedCertificate(failure.reason)
            case .failed(let failure):
                throw .tlsFailed(failure.reason)
            }
            let left = deadline - MonotonicClock.seconds()
            guard left > 0, ClientSocket.wait(fd, for: events, timeout: left) else { throw .timedOut }
        }
    }

    /// Reads what is there: a count, 0 at EOF (or reset), -1 when nothing is.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ClientError) -> Int {
        guard let tls else { return try Self.readSocket(fd, into: buffer) }
        switch tls.read(into: buffer) {
        case .transferred(let count): return count
        case .wouldBlock: return -1
        case .endOfStream: return 0
        case .failed(let failure) where failure.kind == .connectionEnded: return 0
        case .failed(let failure): throw .connectionLost("TLS: \(failure.reason)")
        }
    }

    private static func readSocket(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) throws(ClientError) -> Int {
        while true {
            let count = Glibc.read(fd, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return -1
            case ECONNRESET: return 0
            default: throw .connectionLost(String(cString: strerror(errno)))
            }
        }
    }

    /// Plaintext that TLS holds beyond the last read, which poll cannot see.
    var hasBufferedInput: Bool { tls?.hasBufferedInput ?? false }

    /// True when a read can make progress within `timeout` seconds.
    func waitUntilReadable(timeout: Double) -> Bool {
        if hasBufferedInput { return true }
        let events = tls?.readNeedsWritable == true ? Int16(POLLOUT) : Int16(POLLIN)
        return ClientSocket.wait(fd, for: events, timeout: timeout)
    }

    /// Writes what the socket takes now; 0 when it has no room.
    func write(_ bytes: UnsafeRawBufferPointer) throws(ClientError) -> Int {
        guard let tls else { return try Self.writeSocket(fd, bytes) }
        switch tls.write(bytes) {
        case .transferred(let count): return count
        case .wouldBlock: return 0
        case .endOfStream: throw .connectionLost("the server closed the TLS session")
        case .failed(let failure): throw .connectionLost("TLS: \(failure.reason)")
        }
    }

    private static func writeSocket(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws(ClientError) -> Int {
        while true {
            let written = Glibc.send(fd, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL))
            if written >= 0 { return written }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return 0
            default: throw .connectionLost(String(cString: strerror(errno)))
            }
        }
    }

    /// Writes every byte, waiting for room up to `timeout` seconds in all.
    func writeAll(_ bytes: [UInt8], timeout: Double) throws(ClientError) {
        var offset = 0
        let deadline = MonotonicClock.seconds() + timeout
        while offset < bytes.count {
            let written = try bytes.withUnsafeBytes { buffer in
                Result { () throws(ClientError) in try write(UnsafeRawBufferPointer(rebasing: buffer[offset...])) }
            }.get()
            offset += written
            guard written == 0 else { continue }
            let left = deadline - MonotonicClock.seconds()
            guard left > 0, ClientSocket.wait(fd, for: Int16(POLLOUT), timeout: left) else { throw .timedOut }
        }
    }
}
