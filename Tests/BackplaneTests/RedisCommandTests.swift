import RESP
import TestSupport
import Testing
import WSProtocol
@testable import WSServer

/// Commands against a real redis-server: pipelining in bulk, large values,
/// SELECT, Lua with NOSCRIPT, error replies, refusals.
@Suite("Redis commands", .enabled(if: RedisServerProcess.shouldRun, "redis-server is not installed (CHAT_SERVER_REQUIRE_REDIS=1 fails instead)"), .timeLimit(.minutes(1)))
struct RedisCommandTests {
    /// 10,000 SETs then 10,000 GETs queued at once: few writes, replies matched in order.
    @Test func pipelinedSetAndGetOf10000Keys() throws {
        let server = try RedisServerProcess()
        let client = try RedisTestClient(port: server.port)
        let log = CompletionLog()
        for index in 0..<10_000 {
            #expect(client.connection.send(RESPCommand("SET", "key:\(index)", "value:\(index)"), completion: log.completion(index)))
        }
        for index in 0..<10_000 {
            #expect(client.connection.send(RESPCommand("GET", "key:\(index)"), completion: log.completion(10_000 + index)))
        }
        #expect(client.driver.run { log.completedCount == 20_000 })
        #expect(log.calledOnce)
        for index in 0..<10_000 {
            #expect(log.result(index) == .success(.simpleString("OK")))
            #expect(log.result(10_000 + index) == .success(.bulk("value:\(index)")))
        }
        #expect(try client.value(RESPCommand("DBSIZE")) == .integer(10_000))
        #expect(client.closeReasons.isEmpty)
    }

    @Test func oneMebibyteValueRoundTrips() throws {
        let server = try RedisServerProcess()
        let client = try RedisTestClient(port: server.port)
        var generator = SeededSplitMix(seed: 1)
        let payload = (0..<(1 << 20)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        #expect(try client.value(RESPCommand("SET", "big", .bytes(payload))) == .simpleString("OK"))
        #expect(try client.value(RESPCommand("GET", "big")) == .bulkString(payload))
        #expect(try client.value(RESPCommand("STRLEN", "big")) == .integer(1 << 20))
    }

    /// SELECT is pipelined after connect: keys land in that database only.
    @Test func selectedDatabase() throws {
        let server = try RedisServerProcess()
        let third = try RedisTestClient(port: server.port) { $0.database = 3 }
        #expect(try third.value(RESPCommand("SET", "k", "in three")) == .simpleString("OK"))
        let zero = try RedisTestClient(port: server.port)
        #expect(try zero.value(RESPCommand("GET", "k")) == .bulkString(nil))
        let again = try RedisTestClient(port: server.port) { $0.database = 3 }
        #expect(try again.value(RESPCommand("GET", "k")) == .bulk("in three"))
    }

    @Test func selectOfAMissingDatabaseClosesTheConnection() throws {
        let server = try RedisServerProcess()
        let client = try RedisTestClient(port: server.port) { $0.database = 99 }
        let result = client.call(RESPCommand("PING"))
        guard case .failure(.selectFailed(let message)) = result else {
            Issue.record("got \(String(describing: result))")
            return
        }
        #expect(message.contains("out of range"))
        #expect(client.closeReasons == [.selectFailed(message)])
    }

    /// EVALSHA of a script Redis does not have fails with NOSCRIPT, visible
    /// to the caller, who falls back to EVAL; then EVALSHA works.
    @Test func luaEvalAndEvalshaWithNoscript() throws {
        let server = try RedisServerProcess()
        let client = try RedisTestClient(port: server.port)
        let script = "return {KEYS[1], ARGV[1], redis.call('INCR', KEYS[1])}"
        let sha = SHA1.digest(Array(script.utf8)).map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        let missing = client.call(RESPCommand("EVALSHA", .string(sha), 1, "counter", "a"))
        guard case .failure(let error) = missing else {
            Issue.record("EVALSHA of an unknown script gave \(String(describing: missing))")
            return
        }
        #expect(error.serverErrorCode == "NOSCRIPT")
        let first = try client.value(RESPCommand("EVAL", .string(script), 1, "counter", "a"))
        #expect(first == .array([.bulk("counter"), .bulk("a"), .integer(1)]))
        let second = try client.value(RESPCommand("EVALSHA", .string(sha), 1, "counter", "b"))
        #expect(second == .array([.bulk("counter"), .bulk("b"), .integer(2)]))
    }

    /// An error reply fails that command only; the next one works.
    @Test func errorRepliesFailOneCommand() throws {
        let server = try RedisServerProcess()
        let client = try RedisTestClient(port: server.port)
        _ = try client.value(RESPCommand("LPUSH", "list", "x"))
        let wrong = client.call(RESPCommand("GET", "list"))
        guard case .failure(let error) = wrong else {
            Issue.record("GET of a list gave \(String(describing: wrong))")
            return
        }
        #expect(error.serverErrorCode == "WRONGTYPE")
        #expect(try client.value(RESPCommand("LLEN", "list")) == .integer(1))
        #expect(client.connection.state == .open && client.closeReasons.isEmpty)
    }

    /// Commands that would break reply matching are refused at once, without a round trip.
    @Test func commandsThatBreakMatchingAreRefused() throws {
        let server = try RedisServerProcess()
        let client = try RedisTestClient(port: server.port)
        for command in [RESPCommand("MONITOR"), RESPCommand("HELLO", 3), RESPCommand("client", "reply", "off"), RESPCommand("UNSUBSCRIBE")] {
            var result: Result<RESPValue, RedisError>?
            #expect(!client.connection.send(command) { result = $0 })
            guard case .failure(.unsupportedCommand) = result else {
            Issue.record("\(command.name) gave \(String(describing: result))")
            return
        }
        }
        #expect(client.connection.pendingReplyCount == 0)
        #expect(try client.value(RESPCommand("PING")) == .simpleString("PONG"))
    }
}
