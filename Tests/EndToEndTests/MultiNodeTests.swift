import SystemKit
import WSServer
import Foundation
import TestSupport
import Testing
import WSClient

/// protocol.md, "Several nodes": nodes on one Redis serve one room space.
@Suite("Several nodes on one Redis", .enabled(if: RedisServerProcess.shouldRun))
struct MultiNodeTests {
    /// Every member on every node sees the same messages in the same seq
    /// order, whichever node each sender is on.
    @Test func interleavedSendersOnEveryNodeGiveOneOrder() throws {
        let cluster = try Cluster(nodes: 3)
        defer { cluster.stop() }
        let members = try cluster.nodes.flatMap { node in
            try (0..<2).map { _ in try ChatTestClient(node, query: "room=r") }
        }
        for member in members { _ = try member.next(type: "joined") }
        let perSender = 40
        for round in 0..<perSender {
            for sender in stride(from: 0, to: members.count, by: 2) {
                try members[sender].send(text: "from \(sender) #\(round)")
            }
        }
        let total = perSender * members.count / 2
        var orders: [[String]] = []
        for member in members {
            var seen: [String] = []
            while seen.count < total {
                let message = try member.next(type: "message", timeout: 10)
                #expect(message["seq"] as? Int == seen.count + 1)
                seen.append(message["text"] as? String ?? "?")
            }
            orders.append(seen)
        }
        #expect(Set(orders.map { $0.joined(separator: "|") }).count == 1)
    }

    @Test func presenceWhoRoomsAndBroadcastSpanNodes() throws {
        let cluster = try Cluster(nodes: 3)
        defer { cluster.stop() }
        let alice = try ChatTestClient(cluster.nodes[0], query: "room=r&name=alice")
        _ = try alice.next(type: "joined")
        let bob = try ChatTestClient(cluster.nodes[1], query: "room=r&name=bob")
        #expect(try bob.next(type: "joined")["members"] as? Int == 2)
        let presence = try alice.next(type: "presence")
        #expect(presence["event"] as? String == "join" && presence["name"] as? String == "bob")
        try alice.send(["type": "who", "ref": 1])
        let who = try alice.next(type: "who")
        #expect(Set((who["members"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }) == ["alice", "bob"])
        let carol = try ChatTestClient(cluster.nodes[2])
        _ = try carol.next(type: "welcome")
        try carol.send(["type": "rooms", "ref": 2])
        let rooms = try carol.next(type: "rooms")
        #expect((rooms["rooms"] as? [[String: Any]])?.first?["members"] as? Int == 2)
        try bob.send(["type": "broadcast", "text": "to everyone", "ref": 3])
        #expect(try carol.next(type: "broadcast")["text"] as? String == "to everyone")
        #expect(try alice.next(type: "broadcast")["text"] as? String == "to everyone")
        try bob.socket.close()
        #expect(try alice.next(type: "presence")["event"] as? String == "leave")
    }

    /// A client that was on one node resumes on another with since + epoch.
    @Test func resumeWorksAgainstAnyNode() throws {
        let cluster = try Cluster(nodes: 2)
        defer { cluster.stop() }
        let writer = try ChatTestClient(cluster.nodes[0], query: "room=news")
        let joined = try writer.next(type: "joined")
        let epoch = try #require(joined["epoch"] as? String)
        for index in 1...5 {
            try writer.send(text: "item \(index)")
            _ = try writer.next(type: "message")
        }
        let reader = try ChatTestClient(cluster.nodes[1], query: "room=news&since=2&epoch=\(epoch)")
        let resumed = try reader.next(type: "joined")
        #expect(resumed["recovered"] as? Bool == true)
        #expect(resumed["epoch"] as? String == epoch)
        #expect((resumed["history"] as? [[String: Any]])?.compactMap { $0["seq"] as? Int } == [3, 4, 5])
    }

    /// History lives in Redis: a node that restarts keeps the room's epoch.
    @Test func aRestartedNodeKeepsTheConversation() throws {
        let cluster = try Cluster(nodes: 1)
        defer { cluster.stop() }
        var writer: ChatTestClient? = try ChatTestClient(cluster.nodes[0], query: "room=keep")
        let epoch = try #require(try writer?.next(type: "joined")["epoch"] as? String)
        try writer?.send(text: "before the restart")
        _ = try writer?.next(type: "message")
        writer = nil
        let node = try cluster.replaceNode(0)
        let back = try ChatTestClient(node, query: "room=keep&since=0&epoch=\(epoch)")
        let joined = try back.next(type: "joined")
        #expect(joined["epoch"] as? String == epoch)
        #expect(joined["recovered"] as? Bool == true)
        #expect((joined["history"] as? [[String: Any]])?.first?["text"] as? String == "before the restart")
    }

    /// A node that dies without a word: the others announce its members
    /// gone within --node-timeout (plus one heartbeat).
    @Test func aKilledNodesMembersLeaveWithinTheNodeTimeout() throws {
        let cluster = try Cluster(nodes: 1) { $0.nodeTimeout = 2 }
        defer { cluster.stop() }
        let watcher = try ChatTestClient(cluster.nodes[0], query: "room=r")
        _ = try watcher.next(type: "joined")
        let doomed = try ServerProcess(["--redis", cluster.redisURL, "--node-timeout", "2", "--log-level", "warn"])
        try doomed.waitUntilHealthy()
        let victim = try WebSocketClient.connect(to: WebSocketURL(host: "127.0.0.1", port: doomed.port, target: "/?room=r&name=victim"))
        #expect(try watcher.next(type: "presence", timeout: 10)["event"] as? String == "join")
        _ = victim
        let killedAt = MonotonicClock.seconds()
        doomed.child.kill()
        let leave = try watcher.next(type: "presence", timeout: 10)
        #expect(leave["event"] as? String == "leave" && leave["name"] as? String == "victim")
        #expect(MonotonicClock.seconds() - killedAt < 2, "the leave came after the node timeout")
    }

    /// The HTTP API holds across nodes: a publish on one node is numbered
    /// in the shared log and reaches members on another; a disconnect on one
    /// node closes the user's sessions on every node.
    @Test func theAPISpansNodes() throws {
        let secret = Array("0123456789abcdef0123456789abcdef-multi".utf8)
        let cluster = try Cluster(nodes: 2) { config in
            config.apiKey = Array(APITests.key.utf8)
            config.authSecret = secret
            config.authMode = .optional
        }
        defer { cluster.stop() }
        let reader = try ChatTestClient(cluster.nodes[1], query: "room=ops")
        _ = try reader.next(type: "joined")
        let published = try APITests.json(APITests.call(
            "POST", "/api/publish", #"{"room":"ops","text":"build failed"}"#, port: cluster.nodes[0].port))
        #expect(published["seq"] as? Int == 1)
        #expect(try reader.next(type: "message")["text"] as? String == "build failed")
        let now = Int64(Date().timeIntervalSince1970)
        let token = try #require(TokenMinter(secret: secret).mint(TokenMinter.claims(subject: "u-zed", now: now, lifetime: 60)))
        let zed = try ChatTestClient(cluster.nodes[1], query: "token=\(token)")
        _ = try zed.next(type: "welcome")
        #expect(try APITests.call("POST", "/api/disconnect", #"{"user":"u-zed"}"#, port: cluster.nodes[0].port).status == 200)
        #expect(try zed.closeFrame()?.1 == "disconnected by server")
        let rooms = try APITests.json(APITests.call("GET", "/api/rooms", port: cluster.nodes[0].port))
        #expect((rooms["rooms"] as? [[String: Any]])?.first?["seq"] as? Int == 1)
        let history = try APITests.json(APITests.call("GET", "/api/rooms/ops/history", port: cluster.nodes[0].port))
        #expect((history["messages"] as? [Any])?.count == 1)
    }
}
