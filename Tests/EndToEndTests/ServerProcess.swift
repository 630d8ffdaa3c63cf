import Foundation
import SystemKit
import TestSupport
import Testing

/// The built `chat-server` binary run as a child process on a free port,
/// for tests that must measure the server apart from the test (its RSS).
final class ServerProcess {
    let child: ChildProcess
    let port: Int
    /// The read end of the server's stdout, open while it runs.
    private let output: Int32

    /// With `stderr`, the server's log goes to that file; else to the test runner's stderr.
    init(_ arguments: [String] = [], stderr: URL? = nil) throws {
        let (output, outputWrite) = try ChildProcess.pipe()
        defer { close(outputWrite) }
        do {
            child = try ChildProcess(
                Self.binary.path, ["--host", "127.0.0.1", "--port", "0"] + arguments,
                stdout: .descriptor(outputWrite), stderr: stderr.map { .file($0.path) } ?? .descriptor(2))
            self.output = output
            port = try Self.readPort(from: output)
        } catch {
            close(output)
            throw error
        }
    }

    deinit {
        child.kill()
        close(output)
    }

    /// `.build/<config>/chat-server`, beside the test bundle.
    static var binary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("chat-server")
    }

    /// Reads the start-up line `chat-server listening on ws://127.0.0.1:PORT/ ...`
    /// (`wss://` with TLS) from stdout, waiting at most 20 s.
    private static func readPort(from fd: Int32) throws -> Int {
        var text = ""
        let deadline = MonotonicClock.seconds() + 20
        var buffer = [UInt8](repeating: 0, count: 4096)
        while MonotonicClock.seconds() < deadline {
            guard ClientSocketReady.readable(fd, waitMillis: 100) else { continue }
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            text += String(decoding: buffer[..<count], as: UTF8.self)
            if let range = text.range(of: #"127\.0\.0\.1:(\d+)/"#, options: .regularExpression) {
                let match = text[range].dropFirst("127.0.0.1:".count).dropLast()
                return try #require(Int(match))
            }
        }
        Issue.record("chat-server did not report its port: \(text)")
        throw CocoaError(.fileReadUnknown)
    }

    /// Waits (at most `seconds`) until `/health` answers 200: with a
    /// backplane, until Redis is reachable.
    func waitUntilHealthy(seconds: Double = 10) throws {
        let deadline = MonotonicClock.seconds() + seconds
        while (try? HTTPClient.get("/health", port: port).status) != 200 {
            guard MonotonicClock.seconds() < deadline else { throw ChatTestFailure("the server did not become healthy") }
            usleep(20_000)
        }
    }

    /// Resident memory of the server process in bytes.
    var residentBytes: Int {
        guard let status = try? String(contentsOfFile: "/proc/\(child.pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kib = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        else { return 0 }
        return kib * 1024
    }

    /// SIGTERM, then the exit status (graceful shutdown exits 0); SIGKILL after 30 s.
    func stop() -> Int32 {
        child.stop(timeout: 30)
    }
}
