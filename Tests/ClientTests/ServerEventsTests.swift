import Glibc
import Testing
import WSProtocol

/// What today's in-process server cannot send yet (a verified user,
/// `unavailable`, `reset`, the policy closes), scripted, through the
/// interactive client on a pseudo-terminal.
@Suite("Protocol v2 events end to end")
struct ServerEventsTests {
    @Test func unavailableResetIdentityAndAnExpiredToken() throws {
        let server = try ScriptedServer()
        let terminal = try PseudoTerminal(arguments: ["--token", "t", server.url])
        let peer = try #require(server.accept())
        peer.send(#"{"type":"welcome","id":"c1","name":"Ann","user":"u-ann"}"#)
        terminal.waitFor(text: "* you are Ann ✓ (signed in as u-ann)")

        // A join the server cannot do yet is tried again by itself.
        peer.expect(#""type":"join","room":"lobby""#)
        peer.send(#"{"type":"error","code":"unavailable","message":"backplane down","ref":"join:lobby"}"#)
        terminal.waitFor(text: "* #lobby: the server cannot reach its backplane; joining again in ")
        peer.expect(#""type":"join","room":"lobby""#, timeout: 2)
        peer.send(#"{"type":"joined","room":"lobby","members":2,"seq":5,"epoch":"E1","history":[],"ref":"join:lobby"}"#)
        terminal.waitFor("the prompt") { $0.cursorLine == "#lobby>" }

        terminal.type("hello\r")
        peer.expect(#""text":"hello""#)
        peer.send(#"{"type":"error","code":"unavailable","message":"backplane down"}"#)
        terminal.waitFor(text: "! not delivered: the server cannot reach its backplane; try again later")

        peer.send(#"{"type":"reset","room":"lobby","epoch":"E2","seq":0}"#)
        terminal.waitFor(text: "* #lobby: the server lost the room's history; its numbering restarted")
        peer.send(#"{"type":"message","room":"lobby","seq":1,"id":"c2","name":"bob","text":"hi","ts":0,"user":"u-bob"}"#)
        terminal.waitFor(text: "#lobby bob ✓: hi")

        peer.sendClose(code: .policyViolation, reason: "token expired")
        terminal.waitFor(text: "* not reconnecting: your token expired; start again with a new one")
        #expect(terminal.waitForExit() == 1)
        #expect(terminal.localModes & tcflag_t(ICANON | ECHO) == tcflag_t(ICANON | ECHO))
    }

    @Test func aSlowConsumerCloseIsRetriedAndResumesWithTheEpoch() throws {
        let server = try ScriptedServer()
        let terminal = try PseudoTerminal(arguments: [server.url])
        let first = try #require(server.accept())
        first.send(#"{"type":"welcome","id":"c1","name":"ann"}"#)
        first.expect(#""type":"join","room":"lobby""#)
        first.send(#"{"type":"joined","room":"lobby","members":1,"seq":7,"epoch":"E1","history":[]}"#)
        terminal.waitFor("the prompt") { $0.cursorLine == "#lobby>" }
        first.sendClose(code: .policyViolation, reason: "slow consumer")
        terminal.waitFor(text: "* reconnecting in ")
        let second = try #require(server.accept())
        second.send(#"{"type":"welcome","id":"c2","name":"ann"}"#)
        second.expect(#"{"type":"join","room":"lobby","since":7,"epoch":"E1","ref":"join:lobby"}"#)
        #expect(!terminal.screen.text.contains("not reconnecting"))
    }
}
