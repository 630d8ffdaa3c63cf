import TestSupport
import Testing
@testable import WSServer

/// The page's files as the server embeds them: byte for byte what is in
/// `Sources/WSServer/Page`, every script served, and JavaScript that node
/// parses, each file alone and the served whole.
@Suite("Chat page files")
struct ChatPageFilesTests {
    /// `Sources/WSServer/Page`, found from this file's path in the checkout.
    static let folder = String(#filePath.split(separator: "/", omittingEmptySubsequences: false).dropLast(3)
        .joined(separator: "/")) + "/Sources/WSServer/Page"

    static var scriptFiles: [String] {
        Files.entries(of: folder).filter { $0.hasSuffix(".js") }.sorted()
    }

    @Test func embeddedTextIsTheFiles() {
        let embedded = [
            "chat.html": PageFiles.chatHTML, "chat.css": PageFiles.chatCSS,
            "chat-connection.js": PageFiles.chatConnectionJS, "chat-events.js": PageFiles.chatEventsJS,
            "chat-views.js": PageFiles.chatViewsJS, "chat-input.js": PageFiles.chatInputJS,
            "chat-logic.js": PageFiles.chatLogicJS, "chat-identity.js": PageFiles.chatIdentityJS,
        ]
        #expect(Set(Files.entries(of: Self.folder)) == Set(embedded.keys))
        for (name, text) in embedded {
            #expect(Array(text.utf8) == Array(Files.read(Self.folder + "/" + name).utf8), "\(name) differs from its file")
        }
    }

    @Test func everyScriptFileIsServedOnce() {
        #expect(Self.scriptFiles.count == ChatPage.scripts.count)
        for name in Self.scriptFiles {
            let text = Files.read(Self.folder + "/" + name)
            #expect(ChatPage.scripts.filter { $0 == text }.count == 1, "\(name) is not among ChatPage.scripts")
        }
    }

    @Test(.enabled(if: Node.shouldRun, "node is not installed"))
    func servedScriptParses() throws {
        let outcome = try Node.check(ChatPage.script, name: "served-chat.js")
        #expect(outcome.succeeded, "node --check on the served script: \(outcome.output)")
    }

    @Test(.enabled(if: Node.shouldRun, "node is not installed"), arguments: scriptFiles)
    func scriptFileParses(_ name: String) throws {
        let outcome = try Node.run(["--check", Self.folder + "/" + name])
        #expect(outcome.succeeded, "node --check \(name): \(outcome.output)")
    }
}
