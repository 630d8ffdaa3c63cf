import Foundation
import SystemKit
import TestSupport
import Testing

/// `chat-server` refuses bad flag values at start-up with exit status 2 and
/// a message naming the flag, instead of starting and failing later.
@Suite("End to end: command line")
struct CommandLineTests {
    /// Runs the built binary with `arguments`; its exit status and stderr.
    static func run(_ arguments: [String]) throws -> (status: Int32?, stderr: String) {
        let run = try ChildProcess.run(ServerProcess.binary.path, arguments)
        return (run.status, run.errors)
    }

    @Test(arguments: [
        (["--max-head-size", "-1"], "--max-head-size"),
        (["--idle-timeout", "1e300"], "--idle-timeout"),
        (["--handshake-timeout", "0"], "--handshake-timeout"),
        (["--port", "70000"], "--port"),
        (["--host", "nonsense", "--port", "0"], "--host"),
        (["--echo", "sometimes"], "--echo"),
        (["--allowed-origin", "evil.example"], "--allowed-origin"),
        (["--history-memory", "-5"], "--history-memory"),
        (["--rate-limit", "nan"], "--rate-limit"),
        (["--max-connections-per-ip", "0"], "--max-connections-per-ip"),
        (["--threads"], "--threads"),
        (["--no-such-flag", "1"], "--no-such-flag"),
    ])
    func badValuesExitWithStatusTwo(_ arguments: [String], _ flag: String) throws {
        let outcome = try Self.run(arguments + ["--port", "0", "--host", "127.0.0.1"].filter { _ in !arguments.contains("--port") })
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains(flag), "stderr: \\(outcome.stderr)")
    }

    @Test func helpExplainsEveryFlag() throws {
        let run = try ChildProcess.run(ServerProcess.binary.path, ["--help"])
        let text = run.output
        #expect(run.status == 0)
        for flag in ["--byte-rate", "--history-ttl", "--history-memory", "--echo", "--max-connections-per-ip", "--max-handshakes", "--message-timeout"] {
            #expect(text.contains(flag))
        }
    }

    /// `systemctl reload` sends SIGHUP whatever the flags: without TLS the
    /// server logs it and keeps serving (its default action would end it).
    @Test func sighupWithoutTLSKeepsServing() throws {
        let log = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("sighup-\(UUID().uuidString).log")
        defer { unlink(log.path) }
        let server = try ServerProcess([], stderr: log)
        defer { _ = server.stop() }
        server.child.signal(SIGHUP)
        let deadline = MonotonicClock.seconds() + 5
        var logged = false
        while !logged, MonotonicClock.seconds() < deadline {
            usleep(20_000)
            logged = ((try? String(contentsOf: log, encoding: .utf8)) ?? "").contains("SIGHUP: nothing to reload")
        }
        #expect(logged)
        #expect(!server.child.hasExited())
        #expect(try HTTPClient.get("/health", port: server.port).status == 200)
        #expect(server.stop() == 0)
    }
}
