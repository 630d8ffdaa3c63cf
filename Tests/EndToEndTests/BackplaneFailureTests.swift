import Foundation
import Glibc
import SystemKit
import TestSupport
import Testing
import WSClient

/// protocol.md, "Several nodes": what a node does when Redis goes away,
/// comes back empty, or drops only its subscriptions.
@Suite("Backplane failures", .enabled(if: RedisServerProcess.shouldRun))
struct BackplaneFailureTests {
    /// Redis killed: `unavailable` and 503; Redis back, empty: the members
    /// get `reset` with the new epoch before any message numbered in it.
    @Test func redisRestartedEmptyResetsTheRoom() throws {
        let cluster = try Cluster(nodes: 1)
        defer { cluster.stop() }
        let node = cluster.nodes[0]
        let alice = try ChatTestClient(node, query: "room=r&name=alice")
        let oldEpoch = try #require(try alice.next(type: "joined")["epoch"] as? String)
        try alice.send(text: "before")
        _ = try alice.next(type: "message")
        let port = cluster.redis.port
        cluster.redis.kill()
        try node.waitUntilBackplaneDown()
        try alice.send(["type": "message", "text": "while down", "ref": "d"])
        let refused = try alice.next(type: "error")
        #expect(refused["code"] as? String == "unavailable" && refused["ref"] as? String == "d")
        let health = try HTTPClient.get("/health", port: node.port)
        #expect(health.status == 503 && health.body.contains(#""status":"degraded""#) && health.body.contains("backplane"))
        let restarted = try RedisServerProcess(port: port)
        defer { restarted.stop() }
        let reset = try alice.next(type: "reset", timeout: 15)
        #expect(reset["room"] as? String == "r" && reset["epoch"] as? String != oldEpoch)
        try node.waitUntilBackplaneReady()
        try alice.send(text: "after")
        let after = try alice.next(type: "message")
        #expect(after["seq"] as? Int == 1 && after["text"] as? String == "after")
        #expect(try HTTPClient.get("/health", port: node.port).status == 200)
    }

    /// The pub/sub connections dropped mid-stream (CLIENT KILL TYPE pubsub):
    /// every member still gets every message, in order, without a gap (as
    /// far as the history reaches: what was published meanwhile is fetched
    /// from the room's stream). A node without its subscription answers
    /// `unavailable`; the writer sends those again, as clients do.
    @Test func killedSubscriptionsLoseNothing() throws {
        let cluster = try Cluster(nodes: 2) { $0.chat.historySize = 1000 }
        defer { cluster.stop() }
        let reader = try ChatTestClient(cluster.nodes[0], query: "room=r")
        let writer = try ChatTestClient(cluster.nodes[1], query: "room=r")
        _ = try reader.next(type: "joined")
        _ = try writer.next(type: "joined")
        let total = 300
        for index in 1...total {
            try writer.send(["type": "message", "text": "m\(index)", "ref": "\(index)"])
            if index == total / 2 { try RedisCommand.send("CLIENT KILL TYPE pubsub", port: cluster.redis.port) }
        }
        try sendUntilAccepted(writer, total: total)
        var texts: Set<String> = []
        for expected in 1...total {
            let message = try reader.next(type: "message", timeout: 15)
            #expect(message["seq"] as? Int == expected)
            guard message["seq"] as? Int == expected else { break }
            texts.insert(message["text"] as? String ?? "")
        }
        #expect(texts == Set((1...total).map { "m\($0)" }))
        #expect(cluster.nodes[0].server.metrics.backplane?.reconnects ?? 0 >= 1)
    }

    /// Reads the writer's answers until each of its `total` messages is
    /// acknowledged, sending the refused ones again after a pause.
    private func sendUntilAccepted(_ writer: ChatTestClient, total: Int) throws {
        var unanswered = Set((1...total).map(String.init))
        var refused: [String] = []
        let deadline = MonotonicClock.seconds() + 20
        while !unanswered.isEmpty || !refused.isEmpty, MonotonicClock.seconds() < deadline {
            if unanswered.isEmpty {
                usleep(50_000)
                for ref in refused { try writer.send(["type": "message", "text": "m\(ref)", "ref": ref]) }
                unanswered = Set(refused)
                refused = []
            }
            let event = try writer.next(timeout: 10)
            guard let ref = event["ref"] as? String, unanswered.remove(ref) != nil else { continue }
            if event["type"] as? String == "error" {
                #expect(event["code"] as? String == "unavailable")
                refused.append(ref)
            }
        }
        #expect(unanswered.isEmpty && refused.isEmpty)
    }

    /// A node in 10,000 rooms subscribes to all of them again after its
    /// pub/sub connection is killed.
    @Test func tenThousandRoomsAreResubscribed() throws {
        let cluster = try Cluster(nodes: 2) { $0.chat.maxRoomsPerClient = 200 }
        defer { cluster.stop() }
        let members = try (0..<50).map { _ in try ChatTestClient(cluster.nodes[0]) }
        // Joins in windows of 50: a client's requests wait behind its join in
        // flight, at most 64 of them.
        for window in 0..<4 {
            for (group, member) in members.enumerated() {
                if window == 0 { _ = try member.next(type: "welcome") }
                for index in 0..<50 { try member.send(["type": "join", "room": "r\(group * 200 + window * 50 + index)"]) }
            }
            for member in members {
                for _ in 0..<50 { _ = try member.next(type: "joined", timeout: 30) }
            }
        }
        let rooms = 10_000
        let member = members[members.count - 1]
        try cluster.killSubscriptionsAndWaitForReconnects()
        let speaker = try ChatTestClient(cluster.nodes[1], query: "room=r\(rooms - 1)")
        _ = try speaker.next(type: "joined")
        let deadline = MonotonicClock.seconds() + 20
        var heard = false
        while !heard, MonotonicClock.seconds() < deadline {
            try speaker.send(text: "still subscribed?")
            heard = try member.poll(type: "message", timeout: 1)?["room"] as? String == "r\(rooms - 1)"
        }
        #expect(heard)
    }
}

/// One inline command to a Redis server (for tests that poke it directly).
enum RedisCommand {
    static func send(_ command: String, port: Int) throws {
        let fd = try HTTPClient.connected(port: port)
        defer { close(fd) }
        let bytes = Array((command + "\r\n").utf8)
        _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        var reply = [UInt8](repeating: 0, count: 256)
        var pollEntry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&pollEntry, 1, 5000) > 0 else { throw ChatTestFailure("no reply to \(command)") }
        _ = reply.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
    }
}
