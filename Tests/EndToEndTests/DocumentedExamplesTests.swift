import Foundation
import TestSupport
import Testing
import WSServer

/// Keeps docs/protocol.md honest: every `curl` line of an `sh` block that
/// calls the HTTP API runs, in page order, against an in-process server with
/// an API key (`$KEY` and `$PORT` set as the page says), and must exit 0 with
/// the status the page shows for it: the `HTTP/1.1 NNN` line that opens the
/// block after it, or any 2xx when that block shows only a body.
///
/// Needs `curl` on PATH: skipped without it, unless
/// `CHAT_SERVER_REQUIRE_CURL=1` makes that a failure.
@Suite("docs/protocol.md: the documented API calls")
struct DocumentedExamplesTests {
    /// One documented call and the status its answer shows (nil: a 2xx).
    struct Example {
        let command: String
        let status: Int?
    }

    static let key = "api-key-for-the-documented-examples"
    static let isRequired = ProcessInfo.processInfo.environment["CHAT_SERVER_REQUIRE_CURL"] == "1"
    static let curl = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        .map { "\($0)/curl" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    static var shouldRun: Bool { curl != nil || isRequired }

    @Test(.enabled(if: DocumentedExamplesTests.shouldRun, "curl is not installed"))
    func everyDocumentedAPICallAnswersAsShown() throws {
        _ = try #require(Self.curl, "CHAT_SERVER_REQUIRE_CURL=1 but there is no curl on PATH")
        let examples = Self.examples(in: try Self.page())
        #expect(examples.count >= 10, "the page's API examples were not found")
        let server = try TestServer { $0.apiKey = Array(Self.key.utf8) }
        defer { server.stop() }
        for example in examples {
            let (exitCode, status) = try Self.run(example.command, port: server.port)
            #expect(exitCode == 0, "\(example.command)")
            if let expected = example.status {
                #expect(status == expected, "\(example.command)")
            } else {
                #expect((200..<300).contains(status), "\(example.command) answered \(status)")
            }
        }
    }

    /// docs/protocol.md, found from this file's place in the source tree.
    static func page() throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return try String(contentsOf: root.appendingPathComponent("docs/protocol.md"), encoding: .utf8)
    }

    /// The API calls of every `sh` block, each with the status of the block after it.
    static func examples(in page: String) -> [Example] {
        let blocks = fencedBlocks(page)
        return blocks.indices.filter { blocks[$0].language == "sh" }.flatMap { index in
            let answer = index + 1 < blocks.count ? blocks[index + 1].lines.first : nil
            let status = answer.flatMap { $0.hasPrefix("HTTP/1.1 ") ? Int($0.dropFirst(9).prefix(3)) : nil }
            return blocks[index].lines.filter { $0.hasPrefix("curl ") && $0.contains("/api/") }
                .map { Example(command: $0, status: status) }
        }
    }

    /// The page's fenced code blocks, in order: the info string and the lines.
    static func fencedBlocks(_ page: String) -> [(language: String, lines: [String])] {
        var blocks: [(language: String, lines: [String])] = []
        var open: (language: String, lines: [String])?
        for line in page.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("```") {
                if let block = open { blocks.append(block) }
                open = open == nil ? (String(line.dropFirst(3)), []) : nil
            } else {
                open?.lines.append(line)
            }
        }
        return blocks
    }

    /// Runs `command` with `sh` as a reader would, with `KEY` and `PORT`
    /// set, and asks curl for the status alone (within 10 s).
    static func run(_ command: String, port: Int) throws -> (exitCode: Int32, status: Int) {
        let environment = ProcessInfo.processInfo.environment.merging(["KEY": key, "PORT": String(port)]) { $1 }
        let run = try ChildProcess.run(
            "/bin/sh", ["-c", command + " -m 10 -o /dev/null -w '%{http_code}'"],
            environment: environment.map { "\($0.key)=\($0.value)" }, timeout: 20)
        return (run.status ?? -1, Int(run.output) ?? -1)
    }
}
