import Foundation
import Glibc
import SystemKit
import TestSupport
import Testing
import WSClient

/// Issue acceptance: 200 clients in one room each send 20 messages at once;
/// every member receives all 4000 in `seq` order with no gap; then all drop
/// without a close frame and `/health` shows 0 connections within seconds.
@Suite("Acceptance: churn")
struct ChurnTests {
    static let clientCount = 200
    static let messagesPerClient = 20

    /// What one member has received so far.
    struct Progress {
        var nextSeq = 1
        var received = 0
        var outOfOrder = 0
        var firstGap: (expected: Int, got: Int)?
    }

    @Test func everyMemberGetsEveryMessageInOrderThenAllDrop() throws {
        let server = try TestServer()
        defer { server.stop() }
        var clients = try (0..<Self.clientCount).map { _ in try server.connect("/?room=churn") }
        var progress = [Progress](repeating: Progress(), count: clients.count)
        // A client is a member once its `joined` arrives: its join travels to
        // the registry on loop 0 while others may already be sending.
        try waitUntilJoined(clients)
        let total = Self.clientCount * Self.messagesPerClient
        for round in 0..<Self.messagesPerClient {
            for (index, client) in clients.enumerated() {
                try client.send(text: #"{"type":"message","text":"client \#(index) round \#(round)"}"#)
            }
            try pumpReadable(clients, &progress, waitMillis: 0)
        }
        let deadline = MonotonicClock.seconds() + 60
        while progress.contains(where: { $0.received < total }), MonotonicClock.seconds() < deadline {
            try pumpReadable(clients, &progress, waitMillis: 100)
        }
        let short = progress.enumerated().filter { $0.element.received != total || $0.element.outOfOrder != 0 }
        let report = short.prefix(5).map { "client \($0.offset): \($0.element.received) received, first gap \(String(describing: $0.element.firstGap))" }
        let metrics = try slowConsumerCloses(port: server.port)
        #expect(short.isEmpty, "\(short.count) members incomplete; \(report); metrics: \(metrics)")
        clients.removeAll()  // closes every socket, no close frames
        #expect(try waitForHealth(port: server.port, connections: 0, within: 5))
    }

    /// Reads every socket that has input, counting `message` events per member.
    private func pumpReadable(_ clients: [WebSocketClient], _ progress: inout [Progress], waitMillis: Int32) throws {
        var entries = clients.map { pollfd(fd: $0.fd, events: Int16(POLLIN), revents: 0) }
        guard poll(&entries, nfds_t(entries.count), waitMillis) > 0 else { return }
        for (index, entry) in entries.enumerated() where entry.revents != 0 {
            for case .text(let text) in try clients[index].pump(keep: false) {
                guard let seq = Self.messageSeq(in: text) else { continue }
                if seq != progress[index].nextSeq {
                    progress[index].outOfOrder += 1
                    progress[index].firstGap = progress[index].firstGap ?? (progress[index].nextSeq, seq)
                }
                progress[index].nextSeq = seq + 1
                progress[index].received += 1
            }
        }
    }

    private func waitUntilJoined(_ clients: [WebSocketClient]) throws {
        for client in clients {
            var joined = false
            while !joined, let event = try client.next(timeout: 10) {
                joined = event.text?.hasPrefix(#"{"type":"joined""#) == true
            }
            #expect(joined)
        }
    }

    /// The `seq` of a `message` event, read without a full JSON parse
    /// (800,000 events go through this).
    static func messageSeq(in text: String) -> Int? {
        guard text.hasPrefix(#"{"type":"message""#), let range = text.range(of: #""seq":"#) else { return nil }
        return Int(text[range.upperBound...].prefix { $0.isNumber })
    }

    private func slowConsumerCloses(port: Int) throws -> String {
        try HTTPClient.get("/metrics", port: port).body.split(separator: "\n")
            .filter { $0.hasPrefix("chat_slow_consumer") || $0.hasPrefix("chat_rate_limited") }.joined(separator: ", ")
    }

    private func waitForHealth(port: Int, connections: Int, within seconds: Double) throws -> Bool {
        let deadline = MonotonicClock.seconds() + seconds
        while MonotonicClock.seconds() < deadline {
            if try HTTPClient.get("/health", port: port).body.contains(#""connections":\#(connections),"#) { return true }
            usleep(50_000)
        }
        return false
    }
}
