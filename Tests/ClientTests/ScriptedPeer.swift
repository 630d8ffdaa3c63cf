import Glibc
import SystemKit
import Testing
import WSProtocol

/// One upgraded connection of a `ScriptedServer`: the test sends text
/// frames and close frames, and reads the client's messages as text. What
/// the session owes the client (pongs, the answer to its close) goes out
/// as it reads.
final class ScriptedPeer {
    /// The client's upgrade request.
    let head: HTTPRequestHead
    private let fd: Int32
    private var session = WebSocketSession(role: .server, maxMessageSize: 1 << 20)
    private var received: [String] = []
    /// The client's close code, once its close frame came.
    private var closeCode: CloseCode?

    init(fd: Int32, head: HTTPRequestHead) {
        self.fd = fd
        self.head = head
    }

    deinit { Glibc.close(fd) }

    func send(_ text: String) {
        write(FrameEncoder.frame(opcode: .text, payload: Array(text.utf8)))
    }

    func sendClose(code: CloseCode, reason: String) {
        write(FrameEncoder.frame(opcode: .close, payload: FrameEncoder.closePayload(code: code, reason: reason)))
    }

    func write(_ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    /// Reads the client's messages until one contains `fragment`; records an
    /// issue and returns nil when none does within `timeout`.
    @discardableResult
    func expect(_ fragment: String, timeout: Double = 5, sourceLocation: SourceLocation = #_sourceLocation) -> String? {
        let deadline = MonotonicClock.seconds() + timeout
        while true {
            if let index = received.firstIndex(where: { $0.contains(fragment) }) {
                return received.remove(at: index)
            }
            guard MonotonicClock.seconds() < deadline, readOnce(timeout: deadline - MonotonicClock.seconds()) else {
                Issue.record("no client message containing \(fragment); got \(received)", sourceLocation: sourceLocation)
                return nil
            }
        }
    }

    /// Reads until the client's close frame (answered); its code, or nil
    /// when none came within `timeout`.
    func awaitClose(timeout: Double = 5) -> CloseCode? {
        let deadline = MonotonicClock.seconds() + timeout
        while closeCode == nil, MonotonicClock.seconds() < deadline, readOnce(timeout: deadline - MonotonicClock.seconds()) {}
        return closeCode
    }

    private func readOnce(timeout: Double) -> Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&entry, 1, Int32(max(1, timeout * 1000))) > 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: 65536)
        let count = read(fd, &buffer, buffer.count)
        guard count > 0 else { return false }
        buffer.withUnsafeMutableBytes { bytes in
            session.receive(UnsafeMutableRawBufferPointer(rebasing: bytes[..<count])) { event in
                switch event {
                case .text(let payload): received.append(String(decoding: payload, as: UTF8.self))
                case .closed(let code, _): closeCode = code
                case .binary, .ping, .pong, .failed: break
                }
            }
        }
        let owed = session.output.withReadableBytes { Array($0) }
        session.output.consume(owed.count)
        write(owed)
        return true
    }
}
