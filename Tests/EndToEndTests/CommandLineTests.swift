import Foundation
import SystemKit
import Testing

/// `chat-server` refuses bad flag values at start-up with exit status 2 and
/// a message naming the flag, instead of starting and failing later.
@Suite("End to end: command line")
struct CommandLineTests {
    /// Runs the built binary with `arguments`; its exit status and stderr.
    static func run(_ arguments: [String]) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = ServerProcess.binary
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = Pipe()
        try process.run()
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning, Date() < deadline { usleep(10_000) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return (process.terminationStatus, text)
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
        let process = Process()
        process.executableURL = ServerProcess.binary
        process.arguments = ["--help"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        process.waitUntilExit()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0)
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
        kill(server.process.processIdentifier, SIGHUP)
        let deadline = MonotonicClock.seconds() + 5
        var logged = false
        while !logged, MonotonicClock.seconds() < deadline {
            usleep(20_000)
            logged = ((try? String(contentsOf: log, encoding: .utf8)) ?? "").contains("SIGHUP: nothing to reload")
        }
        #expect(logged)
        #expect(server.process.isRunning)
        #expect(try HTTPClient.get("/health", port: server.port).status == 200)
        #expect(server.stop() == 0)
    }
}
