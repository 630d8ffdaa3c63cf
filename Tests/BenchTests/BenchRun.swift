import BenchKit
import Foundation
import Testing
import TestSupport
import WSServer

/// ws-bench run in process, with the short warm-up, drain and close wait
/// every test uses, against in-process servers started for the test.
enum BenchRun {
    /// Runs the scenario `line` against the servers on `ports` (`--port A,B`).
    static func run(_ line: [String], ports: [Int]) throws -> BenchReport {
        let port = ports.map(String.init).joined(separator: ",")
        let options = try BenchOptions.parse(line + ["--port", port, "--warmup", "0.2", "--drain", "2", "--close-wait", "1"])
        return try LoadGenerator(options: options).run()
    }

    /// Runs `arguments` (split at spaces) against one fresh server without
    /// rate limits, configured further by `configure`.
    static func run(_ arguments: String, configure: (inout ServerConfig) -> Void = { _ in }) throws -> BenchReport {
        let server = try TestServer {
            $0.chat.rateLimit = 0
            configure(&$0)
        }
        defer { server.stop() }
        return try run(arguments.split(separator: " ").map(String.init), ports: [server.port])
    }

    /// The report's `--json` line as an object, checked to be valid JSON.
    static func json(_ report: BenchReport) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(report.json.utf8))
        return try #require(object as? [String: Any])
    }
}
