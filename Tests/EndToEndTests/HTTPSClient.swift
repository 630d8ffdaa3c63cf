import Glibc
import SystemKit
import TLS

/// HTTPS for the TLS tests: one request over the TLS module's client
/// session on a non-blocking loopback socket, every wait bounded.
enum HTTPSClient {
    /// Why an exchange failed before a response.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func get(_ path: String, port: Int, caFile: String, timeout: Double = 5) throws -> HTTPClient.Response {
        let fd = try HTTPClient.connected(port: port)
        defer { close(fd) }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        let context = try TLSContext.client(trustedCertificatesFile: caFile)
        guard let session = TLSSession.connecting(context, fd: fd, serverName: "127.0.0.1") else {
            throw Failure(description: "no TLS session")
        }
        let deadline = MonotonicClock.seconds() + timeout
        try handshake(session, fd: fd, deadline: deadline)
        let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n".utf8)
        guard case .transferred(request.count) = request.withUnsafeBytes({ session.write($0) }) else {
            throw Failure(description: "the request did not go out at once")
        }
        return HTTPClient.response(try readUntilClosed(session, fd: fd, deadline: deadline))
    }

    static func handshake(_ session: TLSSession, fd: Int32, deadline: Double) throws {
        while true {
            let events: Int16
            switch session.handshake() {
            case .complete: return
            case .wantsReadable: events = Int16(POLLIN)
            case .wantsWritable: events = Int16(POLLOUT)
            case .failed(let failure): throw failure
            }
            guard wait(fd, events, until: deadline) else { throw Failure(description: "handshake timed out") }
        }
    }

    private static func readUntilClosed(_ session: TLSSession, fd: Int32, deadline: Double) throws -> [UInt8] {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            switch buffer.withUnsafeMutableBytes({ session.read(into: $0) }) {
            case .transferred(let count): received += buffer[..<count]
            case .wouldBlock: guard wait(fd, Int16(POLLIN), until: deadline) else { return received }
            case .endOfStream, .failed: return received
            }
        }
    }

    static func wait(_ fd: Int32, _ events: Int16, until deadline: Double) -> Bool {
        var entry = pollfd(fd: fd, events: events, revents: 0)
        let left = deadline - MonotonicClock.seconds()
        return left > 0 && poll(&entry, 1, Int32(left * 1000) + 1) > 0
    }
}
