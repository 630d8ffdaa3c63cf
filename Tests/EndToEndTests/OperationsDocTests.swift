import Foundation
import TestSupport
import Testing

/// docs/operations.md documents every flag that `chat-server --help` and
/// `chat-server token --help` print, so a new flag cannot ship undocumented;
/// and `--help` names each flag once (a stale second entry once contradicted
/// the first).
@Suite("docs: operations.md covers every flag")
struct OperationsDocTests {
    static var operationsDoc: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/operations.md")
    }

    /// The text `chat-server` prints for `arguments`.
    static func output(of arguments: [String]) throws -> String {
        try ChildProcess.run(ServerProcess.binary.path, arguments).output
    }

    /// The flags a help text lists: the first word of each option line.
    static func flags(in help: String) -> [String] {
        help.split(separator: "\n").compactMap { line in
            let words = line.split(separator: " ")
            guard let first = words.first, first.hasPrefix("--") || first == "-h," else { return nil }
            return String(first == "-h," ? words[1] : first)
        }
    }

    @Test(arguments: [["--help"], ["token", "--help"]])
    func everyFlagIsDocumented(_ arguments: [String]) throws {
        let flags = Self.flags(in: try Self.output(of: arguments))
        #expect(flags.count > 5, "no flags found in the help text")
        let doc = try String(contentsOf: Self.operationsDoc, encoding: .utf8)
        for flag in flags {
            #expect(doc.contains("`\(flag)"), "docs/operations.md does not mention \(flag)")
        }
    }

    @Test func helpListsEachFlagOnce() throws {
        let flags = Self.flags(in: try Self.output(of: ["--help"]))
        #expect(Set(flags).count == flags.count, "listed twice: \(flags.filter { flag in flags.filter { $0 == flag }.count > 1 })")
    }
}
