import Foundation
import TestSupport
import Testing
import WSServer

/// Reconnect and resume, end to end: the server restarted between
/// messages, and a link cut while the server (and the room's history) stay.
@Suite("Reconnect and resume")
struct ReconnectTests {
    @Test func aServerRestartIsRiddenOutAndTheRoomRejoined() throws {
        var server = try Self.serverOutsideTheEphemeralRange()
        let port = server.port
        let terminal = try PseudoTerminal(arguments: ["--name", "ann", "--room", "lobby", "ws://127.0.0.1:\(port)/"])
        terminal.waitFor("the prompt") { $0.cursorLine == "#lobby>" }
        try ChatPeer(port: port, room: "lobby", name: "bob").say("before the restart")
        terminal.waitFor(text: "#lobby bob: before the restart")

        server.stop()
        terminal.waitFor(text: "* server closed the connection: 1001")
        terminal.waitFor(text: "* reconnecting in ")
        server = try TestServer { $0.port = port }
        defer { server.stop() }
        terminal.waitFor(text: "* reconnected to ws://127.0.0.1:\(port)/")
        terminal.waitFor(text: "* rejoined #lobby")
        // The new server's room has another epoch: the resume cannot be served.
        #expect(terminal.screen.text.contains("* #lobby: history could not be fully recovered, so the view was reset"))

        // The new server numbers the room from 1 again: not a duplicate of the old seq 1.
        let carol = try ChatPeer(port: port, room: "lobby", name: "carol")
        try carol.say("after the restart")
        terminal.waitFor(text: "#lobby carol: after the restart")
        terminal.type("still here\r")
        try carol.expect(#""name":"ann","text":"still here""#)
        #expect(terminal.screen.cursorLine == "#lobby>")
    }

    /// A port that nothing else takes while the server is down: port 0 and
    /// outgoing connections (other tests run in parallel) draw from the
    /// ephemeral range (32768–60999 on Linux by default), so stay below it.
    private static func serverOutsideTheEphemeralRange() throws -> TestServer {
        var lastError: (any Error)?
        for _ in 0..<20 {
            do {
                return try TestServer { $0.port = Int.random(in: 20000..<30000) }
            } catch {
                lastError = error
            }
        }
        throw lastError ?? POSIXError(.EADDRINUSE)
    }

    @Test func aResumeInTheSameEpochRecoversEverythingMissed() throws {
        try Self.withAnnAndBobOnACutLink { proxy, terminal, bob in
            try Self.cutAfterM1(proxy, terminal, bob)
            for text in ["m2", "m3"] { try bob.say(text) }
            proxy.restore()
            terminal.waitFor(text: "* rejoined #lobby, 2 missed messages recovered", timeout: 10)
            terminal.waitFor(text: "#lobby bob: m3")
            let screen = terminal.screen.text
            #expect(!screen.contains("could not"))
            #expect(screen.components(separatedBy: "bob: m2").count == 2)
        }
    }

    @Test func aCutLinkResumesEachRoomFromItsLastSeq() throws {
        try Self.withAnnAndBobOnACutLink(historySize: 2) { proxy, terminal, bob in
            try Self.cutAfterM1(proxy, terminal, bob)
            try Self.missM2ToM4AndResume(proxy, terminal, bob)
        }
    }

    /// ann in ws-client behind a proxy that can cut her link, bob straight
    /// on the server, both in #lobby.
    private static func withAnnAndBobOnACutLink(
        historySize: Int? = nil, _ body: (TCPProxy, PseudoTerminal, ChatPeer) throws -> Void
    ) throws {
        let server = try TestServer { config in historySize.map { config.chat.historySize = $0 } }
        defer { server.stop() }
        let proxy = try TCPProxy(upstreamPort: server.port)
        defer { proxy.stop() }
        let terminal = try PseudoTerminal(arguments: ["--name", "ann", "--room", "lobby", "ws://127.0.0.1:\(proxy.port)/"])
        terminal.waitFor("the prompt") { $0.cursorLine == "#lobby>" }
        try body(proxy, terminal, try ChatPeer(port: server.port, room: "lobby", name: "bob"))
    }

    /// bob's m1 reaches ann, then her link is cut.
    private static func cutAfterM1(_ proxy: TCPProxy, _ terminal: PseudoTerminal, _ bob: ChatPeer) throws {
        try bob.say("m1")
        terminal.waitFor(text: "#lobby bob: m1")
        proxy.cut()
        terminal.waitFor(text: "* connection lost")
    }

    /// With a history of 2, ann misses m2 for good while offline, keeps the
    /// line she typed, and sends it once back.
    private static func missM2ToM4AndResume(_ proxy: TCPProxy, _ terminal: PseudoTerminal, _ bob: ChatPeer) throws {
        for text in ["m2", "m3", "m4"] { try bob.say(text) }
        terminal.type("typed offline\r")
        terminal.waitFor(text: "* not connected: nothing sent, the line is kept")
        terminal.waitFor("the unsent line kept in the prompt") { $0.cursorLine == "#lobby> typed offline" }
        proxy.restore()

        terminal.waitFor(text: "* rejoined #lobby, 2 missed messages recovered", timeout: 10)
        terminal.waitFor(text: "#lobby bob: m4")
        let screen = terminal.screen.text
        #expect(screen.contains("* #lobby: history could not be fully recovered, so the view was reset"))
        #expect(screen.contains("* #lobby: message 2 was missed and could not be recovered"))
        #expect(!screen.contains("bob: m2"))
        #expect(screen.components(separatedBy: "bob: m3").count == 2)
        try bob.say("m5")
        terminal.waitFor(text: "#lobby bob: m5")
        terminal.type("\r")
        try bob.expect(#""name":"ann","text":"typed offline""#)
        #expect(terminal.screen.text.components(separatedBy: "bob: m1").count == 2)
    }
}
