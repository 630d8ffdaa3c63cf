import RESP
import TestSupport
import Testing
@testable import WSServer

/// AUTH pipelined right after connect, with the password or an ACL user,
/// against a redis-server started with `--requirepass`.
@Suite("Redis AUTH", .enabled(if: RedisServerProcess.shouldRun, "redis-server is not installed (CHAT_SERVER_REQUIRE_REDIS=1 fails instead)"), .timeLimit(.minutes(1)))
struct RedisAuthTests {
    @Test func rightPassword() throws {
        let server = try RedisServerProcess(password: "s3cret pass")
        let client = try RedisTestClient(port: server.port) { $0.password = Array("s3cret pass".utf8) }
        #expect(try client.value(RESPCommand("PING")) == .simpleString("PONG"))
    }

    /// A refused AUTH closes the connection; what was pipelined behind it fails with the same reason, once.
    @Test func wrongPassword() throws {
        let server = try RedisServerProcess(password: "s3cret")
        let client = try RedisTestClient(port: server.port) { $0.password = Array("guess".utf8) }
        let log = CompletionLog()
        client.connection.send(RESPCommand("SET", "a", "1"), completion: log.completion(0))
        client.connection.send(RESPCommand("GET", "a"), completion: log.completion(1))
        #expect(client.waitUntilClosed())
        guard case .authenticationFailed(let message) = client.connection.closeReason else {
            Issue.record("closed for \(String(describing: client.connection.closeReason))")
            return
        }
        #expect(message.hasPrefix("WRONGPASS"))
        #expect(log.calledOnce && log.completedCount == 2)
        #expect(log.failures == [.authenticationFailed(message), .authenticationFailed(message)])
        #expect(client.closeReasons == [.authenticationFailed(message)])
    }

    /// Without AUTH the connection stays up and each command gets NOAUTH.
    @Test func noPassword() throws {
        let server = try RedisServerProcess(password: "s3cret")
        let client = try RedisTestClient(port: server.port)
        let result = client.call(RESPCommand("GET", "a"))
        guard case .failure(let error) = result else {
            Issue.record("got \(String(describing: result))")
            return
        }
        #expect(error.serverErrorCode == "NOAUTH")
        #expect(client.connection.state == .open)
    }

    /// An ACL user from a redis:// URL, with a percent-encoded password and a database.
    @Test func aclUserFromURL() throws {
        let server = try RedisServerProcess(password: "admin")
        let admin = try RedisTestClient(port: server.port) { $0.password = Array("admin".utf8) }
        _ = try admin.value(RESPCommand("ACL", "SETUSER", "alice", "on", ">p@ss:word", "~*", "&*", "+@all"))
        let url = try RedisURL(parsing: "redis://alice:p%40ss%3Aword@127.0.0.1:\(server.port)/2")
        let alice = try RedisTestClient(port: url.port) { $0 = RedisConnection.Options(url: url) }
        #expect(try alice.value(RESPCommand("ACL", "WHOAMI")) == .bulk("alice"))
        _ = try alice.value(RESPCommand("SET", "where", "two"))
        #expect(try admin.value(RESPCommand("GET", "where")) == .bulkString(nil))
        #expect(!url.redacted.contains("p@ss") && !url.redacted.contains("p%40ss"))
    }
}
