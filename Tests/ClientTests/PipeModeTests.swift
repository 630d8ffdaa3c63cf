import Foundation
import TestSupport
import Testing
import WSServer

/// ws-client as a script would use it, against a server on port 0.
@Suite("Pipe mode end to end")
struct PipeModeTests {
    @Test func echoesLinesAsTheyAreIncludingRepliesAfterStdinEnds() throws {
        let server = try TestServer()
        defer { server.stop() }
        let input = "hello\nwörld 👋\n  spaced \t \n{\"type\":\"not chat\"}\n\nno newline at the end"
        let run = try PipeRun.run(["ws://127.0.0.1:\(server.port)/echo"], stdin: input)
        #expect(run.status == 0)
        #expect(run.stdout == input + "\n")
        #expect(run.stderr == "")
    }

    @Test func largeMessagesAndManyLinesAreByteExact() throws {
        let server = try TestServer()
        defer { server.stop() }
        let big = String(repeating: "0123456789abcdef", count: 1 << 16)
        let many = (1...5000).map { "line \($0)" }.joined(separator: "\n")
        let input = big + "\n" + many + "\n" + big + "\n"
        let run = try PipeRun.run(["ws://127.0.0.1:\(server.port)/echo"], stdin: input, timeout: 20)
        #expect(run.status == 0)
        #expect(run.stdout.utf8.count == input.utf8.count)
        #expect(run.stdout == input)
    }

    @Test func chatsWithRoomAndNameFromTheCommandLine() throws {
        let server = try TestServer()
        defer { server.stop() }
        let peer = try ChatPeer(port: server.port, room: "lobby", name: "bob")
        let run = try PipeRun(["--room", "lobby", "--name", "ann", "ws://127.0.0.1:\(server.port)/"])
        #expect(run.waitForOutput(#""type":"joined","room":"lobby""#))
        run.write("plain text\n{\"type\":\"who\"}\n")
        #expect(run.waitForOutput(#""text":"plain text""#))
        #expect(run.waitForOutput(#""type":"who","room":"lobby","members":[{"id":"#))
        try peer.expect(#""name":"ann","text":"plain text""#)
        try peer.say("hi ann")
        #expect(run.waitForOutput(#""text":"hi ann""#))
        run.closeInput()
        #expect(run.waitForExit(timeout: 5) == 0)
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix(#"{"type":"welcome","id":""#) == true)
        #expect(lines.first?.hasSuffix(#""name":"ann"}"#) == true)
    }

    @Test func aFailedConnectionExitsOne() throws {
        let server = try TestServer()
        let port = server.port
        server.stop()
        let run = try PipeRun.run(["ws://127.0.0.1:\(port)/"], stdin: "x\n")
        #expect(run.status == 1)
        #expect(run.stderr.contains("cannot connect"))
    }

    @Test func aServerCloseOtherThanNormalExitsOneAndSaysWhy() throws {
        let server = try TestServer { $0.maxMessageSize = 200 }
        defer { server.stop() }
        let run = try PipeRun(["--room", "r", "ws://127.0.0.1:\(server.port)/"])
        run.write(String(repeating: "x", count: 300) + "\n")
        #expect(run.waitForExit(timeout: 5) == 1)
        #expect(run.stderr.contains("server closed the connection: 1009"))
    }

    @Test func aLineThatIsNotUTF8IsSkippedWithAWarning() throws {
        let server = try TestServer()
        defer { server.stop() }
        let run = try PipeRun(["ws://127.0.0.1:\(server.port)/echo"])
        run.write(bytes: Array("ok\n".utf8) + [0xC3, 0x28, 0x0A] + Array("fine\n".utf8))
        run.closeInput()
        #expect(run.waitForExit(timeout: 5) == 0)
        #expect(run.stdout == "ok\nfine\n")
        #expect(run.stderr.contains("line 2 is not UTF-8, not sent"))
    }

    @Test(arguments: [["--bogus"], ["--room"], ["https://127.0.0.1/"], ["ws://a/", "ws://b/"], ["--ca-file"]])
    func usageErrorsExitTwo(_ arguments: [String]) throws {
        let run = try PipeRun.run(arguments, stdin: "")
        #expect(run.status == 2)
        #expect(run.stderr.contains("see --help"))
    }

    @Test func helpDocumentsTheBinaryMarker() throws {
        let run = try PipeRun.run(["--help"], stdin: "")
        #expect(run.status == 0)
        #expect(run.stdout.contains("[binary base64] "))
    }

    /// Issue 13: ws-client offers permessage-deflate (what it sends is
    /// byte-exact either way: `largeMessagesAndManyLinesAreByteExact` runs
    /// compressed against the server, which accepts).
    @Test func offersPermessageDeflate() throws {
        let server = try ScriptedServer()
        let run = try PipeRun([server.url])
        let peer = try #require(server.accept())
        let offer = try #require(peer.head.headers.first("Sec-WebSocket-Extensions"))
        #expect(offer.hasPrefix("permessage-deflate"))
        peer.sendClose(code: .normalClosure, reason: "")
        #expect(run.waitForExit(timeout: 5) != nil)
    }
}
