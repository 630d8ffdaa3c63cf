import CPseudoTerminal
import Foundation
import Glibc
import SystemKit
import WSProtocol

/// A WebSocket server on a loopback port whose every word the test writes:
/// it answers each upgrade as told (101, or a refusal such as 401), keeps
/// the request head for the test to read, and sends whatever frames the
/// test hands it. For what the in-process chat server cannot (yet) say:
/// `reset`, `unavailable`, a hostile `seq`, a token check.
final class ScriptedServer {
    let port: Int
    private let listener: Int32

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        listener = fd
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && listen(fd, 16) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else {
            close(fd)
            throw POSIXError(.EADDRNOTAVAIL)
        }
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(listener) }

    var url: String { "ws://127.0.0.1:\(port)/" }

    /// The next client's upgrade request, answered with 101; nil when none
    /// came within `timeout`.
    func accept(timeout: Double = 5) -> ScriptedPeer? {
        guard let (fd, head) = acceptHead(timeout: timeout) else { return nil }
        guard case .success(let upgrade) = Result(catching: { () throws(HandshakeError) in try ServerHandshake.validate(head) })
        else {
            close(fd)
            return nil
        }
        let peer = ScriptedPeer(fd: fd, head: head)
        peer.write(ServerHandshake.response(for: upgrade))
        return peer
    }

    /// Answers the next upgrade request with `status` and closes; returns the request head.
    func refuse(_ status: HTTPStatus, timeout: Double = 5) -> HTTPRequestHead? {
        guard let (fd, head) = acceptHead(timeout: timeout) else { return nil }
        let response = HTTPResponse(status: status, headers: ["Content-Length": "0", "Connection": "close"])
        _ = response.bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        close(fd)
        return head
    }

    private func acceptHead(timeout: Double) -> (Int32, HTTPRequestHead)? {
        var entry = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
        guard poll(&entry, 1, Int32(timeout * 1000)) > 0 else { return nil }
        let fd = accept4(listener, nil, nil, O_CLOEXEC)
        guard fd >= 0 else { return nil }
        var parser = HTTPRequestHeadParser()
        var buffer = [UInt8](repeating: 0, count: 8192)
        let deadline = MonotonicClock.seconds() + timeout
        while MonotonicClock.seconds() < deadline {
            var ready = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&ready, 1, 100) >= 0 else { break }
            guard ready.revents != 0 else { continue }
            let count = read(fd, &buffer, buffer.count)
            guard count > 0 else { break }
            if case .complete(let head, _)? = try? parser.parse(Array(buffer[..<count])) { return (fd, head) }
        }
        close(fd)
        return nil
    }
}
