import Glibc
import RESP
import SystemKit
import TestSupport
import Testing
@testable import WSServer

/// A subscriber connection against a real redis-server: many channels per
/// SUBSCRIBE, messages in publish order, PING while subscribed, and the
/// ways a subscriber connection ends.
@Suite("Redis pub/sub", .enabled(if: RedisServerProcess.shouldRun, "redis-server is not installed (CHAT_SERVER_REQUIRE_REDIS=1 fails instead)"), .timeLimit(.minutes(1)))
struct RedisPubSubTests {
    private static func channel(_ index: Int) -> [UInt8] { Array("room:\(index)".utf8) }

    /// 10,000 channels in 10 SUBSCRIBEs of 1,000; each completion runs once, after its last confirmation.
    private func subscribeAll(_ subscriber: RedisTestClient) -> CompletionLog {
        let log = CompletionLog()
        for batch in 0..<10 {
            let channels = (batch * 1000..<(batch + 1) * 1000).map(Self.channel)
            #expect(subscriber.connection.subscribe(channels, completion: log.completion(batch)))
        }
        #expect(subscriber.driver.run { log.completedCount == 10 })
        return log
    }

    @Test func tenThousandChannelsAndMessagesInOrder() throws {
        let server = try RedisServerProcess()
        let driver = PollDriver()
        let subscriber = try RedisTestClient(port: server.port, driver: driver)
        let publisher = try RedisTestClient(port: server.port, driver: driver)
        let subscriptions = subscribeAll(subscriber)
        #expect(subscriptions.calledOnce)
        #expect(subscriptions.result(9) == .success(.array([.bulk("subscribe"), .bulkString(Self.channel(9999)), .integer(10_000)])))
        let published = CompletionLog()
        let expected = (0..<2000).map { RedisMessage(channel: Self.channel($0 * 7919 % 10_000), payload: Array("message \($0)".utf8)) }
        for (index, message) in expected.enumerated() {
            publisher.connection.send(RESPCommand("PUBLISH", .bytes(message.channel), .bytes(message.payload)), completion: published.completion(index))
        }
        #expect(subscriber.waitForMessages(2000))
        #expect(driver.run { published.completedCount == 2000 })
        #expect(subscriber.messages.count == expected.count)
        let firstOutOfOrder = subscriber.messages.indices.first { subscriber.messages[$0] != expected[$0] }
        #expect(firstOutOfOrder == nil)
        #expect((0..<2000).allSatisfy { published.result($0) == .success(.integer(1)) })
    }

    /// PING answers `["pong", ""]` while subscribed; other commands are refused at once.
    @Test func pingWhileSubscribed() throws {
        let server = try RedisServerProcess()
        let subscriber = try RedisTestClient(port: server.port)
        #expect(try subscriber.value(RESPCommand("SUBSCRIBE", "a", "b")) == .array([.bulk("subscribe"), .bulk("b"), .integer(2)]))
        #expect(try subscriber.value(RESPCommand("PING")) == .array([.bulk("pong"), .bulk("")]))
        #expect(try subscriber.value(RESPCommand("PING", "hello")) == .array([.bulk("pong"), .bulk("hello")]))
        var refused: Result<RESPValue, RedisError>?
        #expect(!subscriber.connection.send(RESPCommand("GET", "k")) { refused = $0 })
        #expect(refused == .failure(.notAllowedWhileSubscribed("GET")))
    }

    @Test func unsubscribeAndPatterns() throws {
        let server = try RedisServerProcess()
        let driver = PollDriver()
        let subscriber = try RedisTestClient(port: server.port, driver: driver)
        let publisher = try RedisTestClient(port: server.port, driver: driver)
        _ = try subscriber.value(RESPCommand("SUBSCRIBE", "a", "b", "c"))
        #expect(try subscriber.value(RESPCommand("UNSUBSCRIBE", "a", "b")) == .array([.bulk("unsubscribe"), .bulk("b"), .integer(1)]))
        #expect(try subscriber.value(RESPCommand("PSUBSCRIBE", "user:*")) == .array([.bulk("psubscribe"), .bulk("user:*"), .integer(2)]))
        #expect(try publisher.value(RESPCommand("PUBLISH", "a", "gone")) == .integer(0))
        #expect(try publisher.value(RESPCommand("PUBLISH", "c", "kept")) == .integer(1))
        #expect(try publisher.value(RESPCommand("PUBLISH", "user:7", "seen")) == .integer(1))
        #expect(subscriber.waitForMessages(2))
        #expect(subscriber.messages == [
            RedisMessage(channel: Array("c".utf8), payload: Array("kept".utf8)),
            RedisMessage(channel: Array("user:7".utf8), payload: Array("seen".utf8), pattern: Array("user:*".utf8)),
        ])
    }

    /// `CLIENT KILL TYPE pubsub` from another connection: the subscriber sees
    /// a closed connection, its pending PING fails once, `onClose` runs once.
    @Test func clientKillTypePubsub() throws {
        let server = try RedisServerProcess()
        let driver = PollDriver()
        let subscriber = try RedisTestClient(port: server.port, driver: driver)
        let control = try RedisTestClient(port: server.port, driver: driver)
        _ = try subscriber.value(RESPCommand("SUBSCRIBE", "a"))
        var killed: Result<RESPValue, RedisError>?
        control.connection.send(RESPCommand("CLIENT", "KILL", "TYPE", "pubsub")) { killed = $0 }
        #expect(driver.run(only: [control.connection]) { killed != nil })
        #expect(killed == .success(.integer(1)))
        let log = CompletionLog()
        #expect(subscriber.connection.send(RESPCommand("PING"), completion: log.completion(0)))
        #expect(subscriber.waitUntilClosed())
        #expect(log.calledOnce && log.completedCount == 1)
        #expect(subscriber.closeReasons.count == 1)
        #expect(log.failures == subscriber.closeReasons)
        #expect([.closedByServer, .socketFailed(ECONNRESET), .socketFailed(EPIPE)].contains(subscriber.closeReasons.first))
    }

    /// A hung server (SIGSTOP) keeps the socket open; the PING the owner
    /// sends goes unanswered and the reply timeout closes the connection.
    @Test func pingDetectsAHungServer() throws {
        let server = try RedisServerProcess()
        defer { server.suspend(false) }
        let subscriber = try RedisTestClient(port: server.port) { $0.replyTimeout = 0.3 }
        _ = try subscriber.value(RESPCommand("SUBSCRIBE", "a"))
        server.suspend(true)
        let started = MonotonicClock.nanoseconds()
        let result = subscriber.call(RESPCommand("PING"))
        #expect(result == .failure(.replyTimedOut))
        #expect(subscriber.closeReasons == [.replyTimedOut])
        let elapsed = Double(MonotonicClock.nanoseconds() - started) / 1e9
        #expect(elapsed >= 0.29 && elapsed < 2, "timed out after \(elapsed) s")
    }
}
