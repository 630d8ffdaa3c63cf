import Glibc
import Testing
import WSProtocol

/// `--token` and `CHAT_TOKEN` against a scripted server: the token goes in
/// the upgrade request's `Authorization` header, never in the URL, never
/// printed; a 401 ends the client with a plain reason instead of a loop.
@Suite("Tokens end to end")
struct TokenTests {
    static let unauthorized = HTTPStatus(code: 401, reason: "Unauthorized")

    @Test func theTokenTravelsInTheAuthorizationHeader() throws {
        let server = try ScriptedServer()
        let run = try PipeRun(["--token", "s3cret", server.url + "?token=from-url&x=1"])
        let peer = try #require(server.accept())
        #expect(peer.head.headers.first("Authorization") == "Bearer s3cret")
        #expect(peer.head.target == "/?x=1")
        peer.send("hello")
        #expect(run.waitForOutput("hello\n"))
        peer.sendClose(code: .normalClosure, reason: "")
        #expect(run.waitForExit(timeout: 5) == 0)
    }

    @Test func theTokenCanComeFromTheEnvironmentOrTheURL() throws {
        let server = try ScriptedServer()
        let viaEnvironment = try PipeRun([server.url], environment: ["CHAT_TOKEN=from-env"])
        let first = try #require(server.accept())
        #expect(first.head.headers.first("Authorization") == "Bearer from-env")
        first.sendClose(code: .normalClosure, reason: "")
        #expect(viaEnvironment.waitForExit(timeout: 5) == 0)
        let viaURL = try PipeRun([server.url + "?token=from-url"])
        let second = try #require(server.accept())
        #expect(second.head.headers.first("Authorization") == "Bearer from-url")
        #expect(second.head.target == "/")
        second.sendClose(code: .normalClosure, reason: "")
        #expect(viaURL.waitForExit(timeout: 5) == 0)
    }

    @Test func aRefusedTokenEndsPipeModeWithAPlainReason() throws {
        let server = try ScriptedServer()
        let run = try PipeRun(["--token", "s3cret-XYZ", server.url])
        #expect(server.refuse(Self.unauthorized)?.headers.first("Authorization") == "Bearer s3cret-XYZ")
        #expect(run.waitForExit(timeout: 5) == 1)
        #expect(run.stderr == "ws-client: the server refused the token (invalid or expired)\n")
        #expect(run.stdout.isEmpty)
    }

    @Test func aTokenRefusedOnReconnectEndsTheChatWithoutALoop() throws {
        let server = try ScriptedServer()
        let terminal = try PseudoTerminal(arguments: ["--token", "s3cret-XYZ", server.url])
        let peer = try #require(server.accept())
        peer.send(#"{"type":"welcome","id":"c1","name":"ann","user":"u-ann"}"#)
        peer.expect(#""type":"join","room":"lobby""#)
        peer.send(#"{"type":"joined","room":"lobby","members":1,"seq":0,"epoch":"E","history":[],"ref":"join:lobby"}"#)
        terminal.waitFor("the prompt") { $0.cursorLine == "#lobby>" }
        peer.sendClose(code: .goingAway, reason: "server shutting down")
        #expect(server.refuse(Self.unauthorized) != nil)
        terminal.waitFor(text: "* not reconnecting: the server refused the token (invalid or expired)")
        #expect(terminal.waitForExit() == 1)
        #expect(terminal.localModes & tcflag_t(ICANON | ECHO) == tcflag_t(ICANON | ECHO))
        #expect(server.refuse(Self.unauthorized, timeout: 0.5) == nil)
        #expect(!terminal.screen.text.contains("s3cret"))
    }
}
