import Glibc
import TestSupport

/// Node.js (Debian's `nodejs`, the `node` command) for checks of the page's
/// JavaScript outside a browser. Like Chromium, a missing `node` skips those
/// tests unless `CHAT_SERVER_REQUIRE_BROWSER=1` makes it a failure.
enum Node {
    static let executable = ChildProcess.findOnPath("node")
    static var shouldRun: Bool { executable != nil || Chromium.isRequired }

    /// What one run printed (stdout and stderr together) and how it ended.
    struct Outcome {
        let exitCode: Int32?
        let output: String
        var succeeded: Bool { exitCode == 0 }
    }

    /// `node --check` on `source`, saved as `name` so errors point at it.
    static func check(_ source: String, name: String) throws -> Outcome {
        try withScript(source, name: name) { try run(["--check", $0]) }
    }

    /// Runs `source` as a CommonJS script (so `require` works).
    static func evaluate(_ source: String, name: String) throws -> Outcome {
        try withScript(source, name: name) { try run([$0]) }
    }

    /// Runs node with `arguments`, ending it if it takes over `timeout` seconds.
    static func run(_ arguments: [String], timeout: Double = 10) throws -> Outcome {
        guard let executable else {
            throw BrowserTestError("CHAT_SERVER_REQUIRE_BROWSER=1 but there is no node on PATH (apt-get install nodejs)")
        }
        let run = try ChildProcess.run(executable, arguments, mergingErrors: true, timeout: timeout)
        guard let status = run.status else {
            throw BrowserTestError("node \(arguments.joined(separator: " ")) ran over \(timeout) s")
        }
        return Outcome(exitCode: status, output: run.output)
    }

    private static func withScript(_ source: String, name: String, _ body: (String) throws -> Outcome) throws -> Outcome {
        let directory = try Files.makeTemporaryDirectory()
        defer { Files.removeTree(directory) }
        let path = directory + "/" + name
        try Files.write(Array(source.utf8), to: path)
        return try body(path)
    }
}
