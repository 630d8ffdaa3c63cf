import Foundation
import SystemKit
import TestSupport
import Testing
import WSServer

/// A redis-server of its own and chat-server nodes attached to it, all in
/// this process (2 loops each), for tests of several nodes. `stop()` stops
/// the nodes, then Redis.
final class Cluster {
    let redis: RedisServerProcess
    private(set) var nodes: [TestServer] = []
    private let configure: (inout ServerConfig) -> Void

    init(nodes count: Int, _ configure: @escaping (inout ServerConfig) -> Void = { _ in }) throws {
        redis = try RedisServerProcess()
        self.configure = configure
        for _ in 0..<count { _ = try addNode() }
    }

    var redisURL: String { "redis://127.0.0.1:\(redis.port)" }

    /// Starts one more node on the same Redis and waits until it is ready.
    @discardableResult
    func addNode(port: Int = 0) throws -> TestServer {
        let url = redisURL
        let node = try TestServer(port: port) { config in
            config.redis = url
            config.chat.rateLimit = 0
            self.configure(&config)
        }
        try node.waitUntilBackplaneReady()
        nodes.append(node)
        return node
    }

    func replaceNode(_ index: Int) throws -> TestServer {
        let port = nodes[index].port
        nodes[index].stop()
        nodes.remove(at: index)
        return try addNode(port: port)
    }

    /// Kills every pub/sub connection in Redis (`CLIENT KILL TYPE pubsub`)
    /// and waits until every node has reconnected.
    func killSubscriptionsAndWaitForReconnects(seconds: Double = 20) throws {
        let before = nodes.map { $0.server.metrics.backplane?.reconnects ?? 0 }
        try RedisCommand.send("CLIENT KILL TYPE pubsub", port: redis.port)
        let deadline = MonotonicClock.seconds() + seconds
        for (node, count) in zip(nodes, before) {
            while node.server.metrics.backplane?.reconnects ?? 0 <= count || node.server.metrics.backplane?.problem != nil {
                guard MonotonicClock.seconds() < deadline else { throw ChatTestFailure("a node did not reconnect") }
                usleep(10_000)
            }
        }
    }

    func stop() {
        for node in nodes { node.stop() }
        nodes = []
        redis.stop()
    }
}

extension TestServer {
    /// Waits (at most `seconds`) until both Redis connections work.
    func waitUntilBackplaneReady(seconds: Double = 10) throws {
        let deadline = MonotonicClock.seconds() + seconds
        while server.metrics.backplane?.problem != nil {
            guard MonotonicClock.seconds() < deadline else {
                throw ChatTestFailure("backplane not ready: \(server.metrics.backplane?.problem ?? "")")
            }
            usleep(10_000)
        }
    }

    /// Waits until the backplane reports a problem.
    func waitUntilBackplaneDown(seconds: Double = 10) throws {
        let deadline = MonotonicClock.seconds() + seconds
        while server.metrics.backplane?.problem == nil {
            guard MonotonicClock.seconds() < deadline else { throw ChatTestFailure("backplane still reported up") }
            usleep(10_000)
        }
    }
}

/// A failure of a test's own waiting, with what it waited for.
struct ChatTestFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
