import Foundation
import TestSupport
import Testing
import WSServer

/// `--redis-password-file`: the password reaches Redis without being in the
/// URL (which `ps` shows), and the two ways cannot be mixed.
@Suite("Redis password from a file", .enabled(if: RedisServerProcess.shouldRun))
struct RedisPasswordTests {
    @Test func aPasswordFromAFileOpensAProtectedRedis() throws {
        let redis = try RedisServerProcess(password: "s3cret-for-the-test")
        defer { redis.stop() }
        let node = try TestServer { config in
            config.redis = "redis://127.0.0.1:\(redis.port)"
            config.redisPassword = Array("s3cret-for-the-test".utf8)
        }
        defer { node.stop() }
        try node.waitUntilBackplaneReady()
        let alice = try ChatTestClient(node, query: "room=r")
        #expect(try alice.next(type: "joined")["room"] as? String == "r")
    }

    @Test(arguments: [
        (["--redis-password-file", "PASSWORD"], "--redis-password-file needs --redis"),
        (["--redis", "redis://:inline@127.0.0.1:1", "--redis-password-file", "PASSWORD"], "give it once"),
    ])
    func mixingOrOrphanPasswordsExitTwo(_ arguments: [String], _ message: String) throws {
        let file = NSTemporaryDirectory() + "redis-password-\(UUID().uuidString)"
        try "from-a-file\n".write(toFile: file, atomically: true, encoding: .utf8)
        defer { unlink(file) }
        let outcome = try CommandLineTests.run(arguments.map { $0 == "PASSWORD" ? file : $0 } + ["--port", "0"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains(message), "stderr: \(outcome.stderr)")
    }
}
