import Foundation
import Testing
import WSClient
import WSProtocol

/// Issue acceptance: one member stops reading while another sends tens of
/// megabytes; the stalled one is closed with 1008, a third member receives
/// every message, and the server's RSS stays bounded. The server runs as its
/// own process so its memory is measured alone.
@Suite("Acceptance: slow consumer")
struct SlowConsumerTests {
    static let messageCount = 1000
    static let padding = String(repeating: "x", count: 60_000)
    /// How far the sender may run ahead of the readers that keep up: 8 × 60 KB
    /// stays well inside their 1 MiB outbound bound on a loaded machine.
    static let window = 8

    @Test func aStalledReaderIsClosedAndTheOthersGetEverything() throws {
        // The stalled client's close frame waits behind megabytes it never
        // read until the test reads them at the end; on a loaded machine that
        // is more than the default close timeout after the server closed it.
        let server = try ServerProcess(["--rate-limit", "0", "--close-timeout", "300", "--log-level", "warn"])
        defer { #expect(server.stop() == 0) }
        let url = WebSocketURL(host: "127.0.0.1", port: server.port, target: "/?room=flood")
        // Each member's join is settled before the flood: a join still on its
        // way to the registry would miss the first messages (they would come
        // in its `joined` history, which the reader does not count).
        let stalled = try WebSocketClient.connect(to: url)
        #expect(Reader.awaitJoined(stalled))
        let reader = Reader(url: url, expected: Self.messageCount)
        let sender = try WebSocketClient.connect(to: url)
        let baseline = server.residentBytes
        var peak = baseline
        var echoed = 0
        for index in 0..<Self.messageCount {
            try sender.send(text: #"{"type":"message","text":"\#(index) \#(Self.padding)"}"#)
            echoed += try drainEchoes(of: sender, until: index + 1 - Self.window, already: echoed)
            reader.waitFor(index + 1 - Self.window, seconds: 30)
            if index % 25 == 0 { peak = max(peak, server.residentBytes) }
        }
        let received = reader.wait(seconds: 60)
        if received != Self.messageCount {
            // What the server saw, to tell a lost delivery from a client that stopped reading.
            let metrics = (try? HTTPClient.get("/metrics", port: server.port).body) ?? "unavailable"
            Issue.record("reader got \(received) of \(Self.messageCount) (\(reader.stopReason)); sender's echoes \(echoed); server metrics:\n\(metrics)")
        }
        peak = max(peak, server.residentBytes)
        let close = try closeFrame(of: stalled)
        #expect(close?.0 == .policyViolation && close?.1 == "slow consumer")
        // 60 MB went to the stalled client's room; its queue is capped at 1 MiB.
        #expect(peak - baseline < 40 << 20, "RSS grew by \((peak - baseline) >> 20) MiB")
        let metrics = try HTTPClient.get("/metrics", port: server.port).body
        #expect(metrics.contains("\nchat_slow_consumer_closes_total 1\n"))
    }

    /// Reads the sender's own copies of its messages until it has `target`,
    /// so the sender stays a member that keeps up; returns how many it read.
    private func drainEchoes(of sender: WebSocketClient, until target: Int, already: Int) throws -> Int {
        var count = 0
        while already + count < target, let event = try sender.next(timeout: 30) {
            if case .text(let text) = event, text.hasPrefix(#"{"type":"message""#) { count += 1 }
        }
        return count
    }

    private func closeFrame(of client: WebSocketClient) throws -> (CloseCode, String)? {
        while let event = try client.next(timeout: 10) {
            if case .closed(let code, let reason) = event { return (code, reason) }
        }
        return nil
    }
}

/// A member that reads on its own thread and counts the messages it gets.
final class Reader: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let ready = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var received = 0
    private var stoppedBecause = "still reading"
    /// Why the reading thread stopped: all arrived, a close, an error, or a quiet spell.
    var stopReason: String { lock.withLock { stoppedBecause } }
    private var count: Int {
        get { lock.withLock { received } }
        set { lock.withLock { received = newValue } }
    }

    init(url: WebSocketURL, expected: Int) {
        Thread.detachNewThread { [self] in
            defer { done.signal() }
            let client = try? WebSocketClient.connect(to: url)
            let joined = client.map(Self.awaitJoined) ?? false
            ready.signal()
            guard let client, joined else { return stop(because: "no joined") }
            stop(because: read(from: client, expected: expected))
        }
        ready.wait()
    }

    /// Reads until the client's `joined` arrives; false if it does not within 30 s.
    static func awaitJoined(_ client: WebSocketClient) -> Bool {
        while let event = try? client.next(timeout: 30) {
            if case .text(let text) = event, text.hasPrefix(#"{"type":"joined""#) { return true }
        }
        return false
    }

    private func read(from client: WebSocketClient, expected: Int) -> String {
        do {
            while count < expected {
                guard let event = try client.next(timeout: 30) else { return "nothing for 30 s" }
                switch event {
                case .text(let text) where text.hasPrefix(#"{"type":"message""#): count += 1
                case .closed(let code, let reason): return "closed \(code) \(reason)"
                case .failed(let error): return "failed \(error)"
                case .disconnected: return "disconnected"
                case .text, .binary, .ping, .pong: continue
                }
            }
            return "all arrived"
        } catch {
            return "error \(error)"
        }
    }

    private func stop(because reason: String) {
        lock.withLock { stoppedBecause = reason }
    }

    /// Waits, bounded in time, until at least `target` messages have arrived.
    func waitFor(_ target: Int, seconds: Double) {
        let deadline = Date().addingTimeInterval(seconds)
        while count < target, Date() < deadline { usleep(500) }
    }

    /// The number of messages received once done, or when `seconds` pass.
    func wait(seconds: Double) -> Int {
        _ = done.wait(timeout: .now() + seconds)
        return count
    }
}

/// Whether a socket has input right now.
enum ClientSocketReady {
    static func readable(_ fd: Int32, waitMillis: Int32 = 0) -> Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, waitMillis) > 0
    }
}
