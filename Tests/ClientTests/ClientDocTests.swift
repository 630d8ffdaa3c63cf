import Foundation
import Testing

/// docs/client.md documents every flag `ws-client --help` prints, so a new
/// flag cannot ship undocumented.
@Suite("docs: client.md covers every ws-client flag")
struct ClientDocTests {
    static var clientDoc: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/client.md")
    }

    @Test func everyFlagIsDocumented() throws {
        let run = try PipeRun.run(["--help"], stdin: "")
        let flags = run.stdout.split(separator: "\n").compactMap { line -> String? in
            let first = line.split(separator: " ").first.map(String.init)
            return first?.hasPrefix("--") == true ? first : nil
        }
        #expect(flags.count >= 7, "flags found: \(flags)")
        let doc = try String(contentsOf: Self.clientDoc, encoding: .utf8)
        for flag in flags {
            #expect(doc.contains("`\(flag)"), "docs/client.md does not mention \(flag)")
        }
    }
}
