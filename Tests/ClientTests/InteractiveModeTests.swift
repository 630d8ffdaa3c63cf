import Glibc
import TestSupport
import Testing
import WSServer

/// ws-client on a pseudo-terminal: the prompt, line editing, commands,
/// safe printing and the terminal left as it was found.
@Suite("Interactive mode through a pseudo-terminal")
struct InteractiveModeTests {
    @Test func anIncomingMessageNeverGarblesAHalfTypedLine() throws {
        let server = try TestServer()
        defer { server.stop() }
        let terminal = try PseudoTerminal(arguments: ["--name", "ann", "--room", "dev", "ws://127.0.0.1:\(server.port)/"])
        terminal.waitFor("the prompt") { $0.cursorLine == "#dev>" }
        let bob = try ChatPeer(port: server.port, room: "dev", name: "bob")
        terminal.waitFor(text: "* bob joined #dev")
        terminal.type("hel")
        terminal.waitFor("the half-typed line") { $0.cursorLine == "#dev> hel" }
        try bob.say("hi ann")
        terminal.waitFor("bob's message above the prompt") { screen in
            screen.lines[screen.row - 1].hasSuffix("#dev bob: hi ann") && screen.cursorLine == "#dev> hel"
        }
        #expect(terminal.screen.column == "#dev> hel".count)
        terminal.type("lo\r")
        terminal.waitFor(text: "#dev ann (you): hello")
        try bob.expect(#""name":"ann","text":"hello""#)
        #expect(terminal.screen.cursorLine == "#dev>")
    }

    @Test func commandsAndLineEditing() throws {
        let server = try TestServer()
        defer { server.stop() }
        let terminal = try PseudoTerminal(arguments: ["--name", "ann", "ws://127.0.0.1:\(server.port)/"])
        terminal.waitFor("the default room") { $0.cursorLine == "#lobby>" }
        terminal.type("/join dev\r")
        terminal.waitFor("the new room in the prompt") { $0.cursorLine == "#dev>" }
        terminal.type("/switch lobby\r")
        terminal.waitFor("the switch") { $0.cursorLine == "#lobby>" }
        terminal.type("/who\r")
        terminal.waitFor(text: "* in #lobby: ann (you)")
        terminal.type("/rooms\r")
        terminal.waitFor(text: "* rooms: #dev (1), #lobby (1)")
        terminal.type("/nick annie\r")
        terminal.waitFor(text: "* you are now annie")
        terminal.type("/switch nowhere\r")
        terminal.waitFor(text: "* you are not in #nowhere; /join nowhere")
        terminal.type("/join bad room!\r")
        terminal.waitFor(text: "! error: ")
        // Type "abc", then: left twice, X, home, Y, end, Z: "YaXbcZ".
        terminal.type("abc\u{1B}[D\u{1B}[DX\u{1B}[HY\u{1B}[FZ\r")
        terminal.waitFor(text: "#lobby annie (you): YaXbcZ")
        terminal.type("\u{1B}[A")
        terminal.waitFor("the last line back from the history") { $0.cursorLine == "#lobby> YaXbcZ" }
        terminal.type("\u{15}/help\r")
        terminal.waitFor(text: "* /switch ROOM")
    }

    @Test func textFromTheWireCannotDriveTheTerminal() throws {
        let server = try TestServer()
        defer { server.stop() }
        let terminal = try PseudoTerminal(arguments: ["--name", "ann", "--room", "r", "ws://127.0.0.1:\(server.port)/"])
        terminal.waitFor("the prompt") { $0.cursorLine == "#r>" }
        let mallory = try ChatPeer(port: server.port, room: "r", name: "mallory")
        try mallory.say("\u{1B}[2J\u{1B}[H\u{1B}]0;owned\u{07}boom\u{9B}31m")
        terminal.waitFor(text: "#r mallory: ^[[2J^[[H^[]0;owned^Gboom\u{FFFD}31m")
        #expect(terminal.screen.text.contains("* connected to"))
    }

    @Test func anyOtherServerGetsLinesAsTyped() throws {
        let server = try TestServer()
        defer { server.stop() }
        let terminal = try PseudoTerminal(arguments: ["ws://127.0.0.1:\(server.port)/echo"])
        terminal.waitFor(text: "* connected to ws://127.0.0.1:\(server.port)/echo")
        terminal.type("{\"not\": \"chat\"}\r")
        terminal.waitFor("the line and its echo") { screen in
            screen.lines.contains("> {\"not\": \"chat\"}") && screen.lines.contains("< {\"not\": \"chat\"}")
        }
        #expect(terminal.screen.cursorLine == ">")
    }

    @Test(arguments: ["\u{03}", "\u{04}", "/quit\r"])
    func everyWayOutRestoresTheTerminal(_ keys: String) throws {
        let server = try TestServer()
        defer { server.stop() }
        let cooked = try PseudoTerminal(arguments: ["--help"])
        _ = cooked.waitForExit()
        let terminal = try PseudoTerminal(arguments: ["ws://127.0.0.1:\(server.port)/"])
        terminal.waitFor("the prompt") { $0.cursorLine == "#lobby>" }
        #expect(terminal.localModes & tcflag_t(ICANON | ECHO) == 0)
        terminal.type(keys)
        #expect(terminal.waitForExit() == 0)
        #expect(terminal.localModes & tcflag_t(ICANON | ECHO) == tcflag_t(ICANON | ECHO))
    }

    @Test(arguments: [(SIGTERM, 0), (SIGHUP, 0), (SIGUSR1, 128 + SIGUSR1), (SIGALRM, 128 + SIGALRM), (SIGPIPE, 128 + SIGPIPE)] as [(Int32, Int32)])
    func signalsLeaveTheTerminalAsItWas(_ signal: Int32, _ status: Int32) throws {
        let server = try TestServer()
        defer { server.stop() }
        let terminal = try PseudoTerminal(arguments: ["ws://127.0.0.1:\(server.port)/"])
        terminal.waitFor("the prompt") { $0.cursorLine == "#lobby>" }
        #expect(terminal.localModes & tcflag_t(ICANON | ECHO) == 0)
        terminal.child.signal(signal)
        #expect(terminal.waitForExit() == status)
        #expect(terminal.localModes & tcflag_t(ICANON | ECHO) == tcflag_t(ICANON | ECHO))
    }

    @Test func listingsCutByTheServerSaySo() throws {
        let server = try TestServer { $0.chat.listingLimit = 1 }
        defer { server.stop() }
        let terminal = try PseudoTerminal(arguments: ["--name", "ann", "--room", "a", "--room", "b", "ws://127.0.0.1:\(server.port)/"])
        terminal.waitFor("the prompt") { $0.cursorLine == "#b>" }
        let bob = try ChatPeer(port: server.port, room: "b", name: "bob")
        terminal.waitFor(text: "* bob joined #b")
        withExtendedLifetime(bob) {
            terminal.type("/rooms\r")
            terminal.waitFor(text: "* rooms (1 of 2): #b (2)")
            terminal.type("/who\r")
            terminal.waitFor(text: "* in #b (1 of 2): ")
        }
    }

    @Test func aPolicyCloseIsExplainedAndNotRetried() throws {
        let server = try TestServer { $0.chat.rateLimit = 1 }
        defer { server.stop() }
        let terminal = try PseudoTerminal(arguments: ["ws://127.0.0.1:\(server.port)/"])
        terminal.waitFor("the prompt") { $0.cursorLine == "#lobby>" }
        terminal.type(String(repeating: "spam\r", count: 12))
        terminal.waitFor(text: "* server closed the connection: 1008 rate limit exceeded")
        #expect(terminal.waitForExit() == 1)
        #expect(terminal.screen.text.contains("* not reconnecting: the server cut us off for sending too fast"))
        #expect(!terminal.screen.text.contains("reconnecting in"))
    }
}
