import Glibc
import Testing
import WSProtocol

/// A server that sends what no honest server would: ws-client neither
/// crashes nor lets the bytes drive the terminal, in either mode.
@Suite("Hostile servers end to end")
struct HostileServerTests {
    static let hostileText = "\u{1B}]0;owned\u{07}x\u{9B}31m\u{9D}0;t\u{07}\u{202E}y"

    @Test func theLargestSeqNeitherCrashesTheClientNorLeavesTheTerminalRaw() throws {
        let server = try ScriptedServer()
        let terminal = try PseudoTerminal(arguments: [server.url])
        let first = try #require(server.accept())
        first.send(#"{"type":"welcome","id":"c1","name":"ann"}"#)
        first.expect(#""type":"join","room":"lobby""#)
        first.send(#"{"type":"joined","room":"lobby","members":1,"seq":1,"epoch":"E","history":[]}"#)
        first.send(#"{"type":"message","room":"lobby","seq":18446744073709551615,"id":"c2","name":"eve","text":"top","ts":0}"#)
        terminal.waitFor(text: "* #lobby: messages 2–18446744073709551614 were missed and could not be recovered")
        first.sendClose(code: .goingAway, reason: "restart")

        let second = try #require(server.accept())
        second.send(#"{"type":"welcome","id":"c3","name":"ann"}"#)
        second.expect(#""since":18446744073709551615,"epoch":"E""#)
        second.send(#"{"type":"joined","room":"lobby","members":1,"seq":18446744073709551615,"epoch":"E","history":[],"recovered":true}"#)
        terminal.waitFor(text: "* rejoined #lobby, nothing missed")
        second.send(#"{"type":"broadcast","id":"c2","name":"eve","text":"still alive","ts":0}"#)
        terminal.waitFor(text: "[broadcast] eve: still alive")
        terminal.type("/quit\r")
        #expect(second.awaitClose() == .normalClosure)
        #expect(terminal.waitForExit() == 0)
        #expect(terminal.localModes & tcflag_t(ICANON | ECHO) == tcflag_t(ICANON | ECHO))
    }

    @Test func pipeModeOnATerminalNeutralisesWireTextAndCloseReasons() throws {
        let server = try ScriptedServer()
        let terminal = try PseudoTerminal(arguments: ["--json", server.url])
        let peer = try #require(server.accept())
        peer.send(Self.hostileText)
        terminal.waitFor(text: "^[]0;owned^Gx\u{FFFD}31m\u{FFFD}0;t^G\u{FFFD}y")
        peer.sendClose(code: .policyViolation, reason: "bye\u{1B}[2J\u{9B}H")
        terminal.waitFor(text: "ws-client: server closed the connection: 1008 bye^[[2J\u{FFFD}H")
        #expect(terminal.waitForExit() == 1)
    }

    @Test func pipeModeIntoAPipeKeepsTheBytes() throws {
        let server = try ScriptedServer()
        let run = try PipeRun([server.url])
        let peer = try #require(server.accept())
        peer.send(Self.hostileText)
        peer.sendClose(code: .policyViolation, reason: "bye\u{1B}[2J")
        #expect(run.waitForExit(timeout: 5) == 1)
        #expect(run.stdout == Self.hostileText + "\n")
        #expect(run.stderr == "ws-client: server closed the connection: 1008 bye\u{1B}[2J\n")
    }
}
