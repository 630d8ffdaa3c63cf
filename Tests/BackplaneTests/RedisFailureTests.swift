import Glibc
import RESP
import TestSupport
import Testing
@testable import WSServer

/// How a connection ends against a real redis-server: killed mid-pipeline,
/// the owner's close; and the output and pending-reply bounds.
@Suite("Redis failures", .enabled(if: RedisServerProcess.shouldRun, "redis-server is not installed (CHAT_SERVER_REQUIRE_REDIS=1 fails instead)"), .timeLimit(.minutes(1)))
struct RedisFailureTests {
    /// 100 SETs answered, then a BLPOP holds the rest of the pipeline while
    /// the server is killed: everything after fails with one reason, each once.
    @Test func serverKilledMidPipeline() throws {
        let server = try RedisServerProcess()
        let client = try RedisTestClient(port: server.port)
        let log = CompletionLog()
        for index in 0..<100 {
            client.connection.send(RESPCommand("SET", "k\(index)", "v"), completion: log.completion(index))
        }
        client.connection.send(RESPCommand("BLPOP", "nothing", 30), timeout: 60, completion: log.completion(100))
        for index in 101..<1100 {
            client.connection.send(RESPCommand("GET", "k\(index % 100)"), completion: log.completion(index))
        }
        #expect(client.driver.run { log.completedCount == 100 })
        server.kill()
        #expect(client.waitUntilClosed())
        #expect(log.calledOnce && log.completedCount == 1100)
        #expect((0..<100).allSatisfy { log.result($0) == .success(.simpleString("OK")) })
        let reason = try #require(client.closeReasons.first)
        #expect(client.closeReasons.count == 1)
        #expect(reason == .closedByServer || reason == .socketFailed(ECONNRESET))
        #expect(log.failures.count == 1000 && log.failures.allSatisfy { $0 == reason })
        var late: Result<RESPValue, RedisError>?
        #expect(!client.connection.send(RESPCommand("PING")) { late = $0 })
        #expect(late == .failure(reason))
    }

    /// A command that would take the unsent output past the limit is refused
    /// at once; what was accepted is answered; after the write there is room again.
    @Test func outputLimit() throws {
        let server = try RedisServerProcess()
        let client = try RedisTestClient(port: server.port) { $0.maxOutputBytes = 1000 }
        let ping = RESPCommand("PING")
        let fitting = 1000 / ping.encodedCount
        let log = CompletionLog()
        for index in 0..<fitting {
            #expect(client.connection.send(ping, completion: log.completion(index)))
        }
        #expect(!client.connection.send(ping, completion: log.completion(fitting)))
        #expect(log.result(fitting) == .failure(.outputLimitExceeded(limit: 1000)))
        #expect(client.connection.unwrittenByteCount == fitting * ping.encodedCount)
        #expect(client.driver.run { log.completedCount == fitting + 1 })
        #expect((0..<fitting).allSatisfy { log.result($0) == .success(.simpleString("PONG")) })
        #expect(try client.value(RESPCommand("SET", "k", .bytes(Array(repeating: 1, count: 900)))) == .simpleString("OK"))
        #expect(client.closeReasons.isEmpty)
    }

    @Test func pendingReplyLimit() throws {
        let server = try RedisServerProcess()
        let client = try RedisTestClient(port: server.port) { $0.maxPendingReplies = 3 }
        let log = CompletionLog()
        for index in 0..<4 {
            client.connection.send(RESPCommand("PING"), completion: log.completion(index))
        }
        #expect(log.result(3) == .failure(.tooManyPending(limit: 3)))
        #expect(client.driver.run { log.completedCount == 4 })
        #expect(log.calledOnce)
    }

    /// `close()` fails what is pending once, reports once, and is idempotent.
    @Test func ownerClose() throws {
        let server = try RedisServerProcess()
        let client = try RedisTestClient(port: server.port)
        _ = try client.value(RESPCommand("PING"))
        let log = CompletionLog()
        for index in 0..<3 {
            client.connection.send(RESPCommand("BLPOP", "nothing", 5), timeout: 10, completion: log.completion(index))
        }
        client.driver.run(timeout: 0.1) { false }
        client.connection.close()
        client.connection.close()
        #expect(log.calledOnce && log.failures == Array(repeating: .closedByOwner, count: 3))
        #expect(client.closeReasons == [.closedByOwner])
        #expect(client.connection.nextDeadline == nil && client.connection.interest == [])
    }
}
