import Foundation
import Glibc
import TestSupport
import Testing
import WSClient
import WSProtocol

/// permessage-deflate over real sockets: `WebSocketClient` offers it, the
/// server accepts, and `/echo` answers compressed; chat sessions read
/// compressed requests; `--deflate off` and `--deflate-min-size` hold.
@Suite("End to end: permessage-deflate")
struct DeflateEndToEndTests {
    static let agreed = DeflateParameters(serverNoContextTakeover: true, clientNoContextTakeover: true)
    /// 54 KB of chat-like JSON: compresses to a few hundred bytes.
    static let large = String(repeating: #"{"type":"message","room":"dev","text":"hello, wörld"}"#, count: 1000)

    @Test func echoesComeBackCompressedBothWays() throws {
        let server = try TestServer()
        defer { server.stop() }
        let client = try server.connect("/echo", deflate: true)
        #expect(client.deflate == Self.agreed)
        let metrics = server.server.metrics
        let (inBefore, outBefore) = (metrics.bytesIn.load(ordering: .relaxed), metrics.bytesOut.load(ordering: .relaxed))
        try client.send(text: Self.large)
        #expect(try client.next(timeout: 5) == .text(Self.large))
        try client.send(binary: Array(Self.large.utf8))
        #expect(try client.next(timeout: 5) == .binary(Array(Self.large.utf8)))
        try client.send(text: "small, sent as it is")
        #expect(try client.next(timeout: 5) == .text("small, sent as it is"))
        // The server counts a write after it returns: once its close frame
        // arrived here, every echo before it has been counted.
        try client.close()
        #expect(try client.next(timeout: 5) == .closed(.normalClosure, reason: ""))
        let sentIn = metrics.bytesIn.load(ordering: .relaxed) - inBefore
        let sentOut = metrics.bytesOut.load(ordering: .relaxed) - outBefore
        #expect(sentIn > 100 && sentOut > 100)
        #expect(sentIn < 4096 && sentOut < 4096, "\(sentIn) bytes in, \(sentOut) out for 2 x \(Self.large.utf8.count)")
    }

    @Test func theWireCarriesRSV1AndTheAnswerHeader() throws {
        let server = try TestServer()
        defer { server.stop() }
        let payload = Array(Self.large.utf8.prefix(2000))
        var compressed: [UInt8] = []
        payload.withUnsafeBytes { bytes in Deflater().compress(bytes, windowBits: 15) { compressed = Array($0) } }
        let request = "GET /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
            + "Sec-WebSocket-Extensions: x-unknown, permessage-deflate; server_max_window_bits=10\r\n\r\n"
        let frame = FrameEncoder.frame(opcode: .text, reserved: .rsv1, payload: compressed, mask: MaskKey(1, 2, 3, 4))
        let closeFrame = FrameEncoder.frame(opcode: .close, payload: [0x03, 0xE8], mask: MaskKey(5, 6, 7, 8))
        let fd = try HTTPClient.connected(port: server.port)
        defer { close(fd) }
        let bytes = Array(request.utf8) + frame + closeFrame
        _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        let received = HTTPClient.readUntilClosed(fd, timeout: 5)
        let headEnd = try #require((0..<received.count).first { received[$0...].starts(with: [13, 10, 13, 10]) })
        let head = String(decoding: received[..<headEnd], as: UTF8.self)
        #expect(head.hasPrefix("HTTP/1.1 101 "))
        #expect(head.contains("\r\nSec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover; "
            + "client_no_context_takeover; server_max_window_bits=10"))
        let echo = Array(received[(headEnd + 4)...])
        #expect(echo.first == 0xC1, "the echo has RSV1 set: \(echo.prefix(2))")
        #expect(echo.count > 4 && Int(echo[1]) < payload.count, "and is compressed")
    }

    @Test func deflateOffIgnoresTheOffer() throws {
        let server = try TestServer { $0.deflate = false }
        defer { server.stop() }
        let client = try server.connect("/echo", deflate: true)
        #expect(client.deflate == nil)
        try client.send(text: Self.large)
        #expect(try client.next(timeout: 5) == .text(Self.large))
    }

    @Test func messagesBelowTheMinimumSizeGoUncompressed() throws {
        let server = try TestServer { $0.deflateMinSize = 1 << 20 }
        defer { server.stop() }
        let client = try server.connect("/echo", deflate: true)
        let outBefore = server.server.metrics.bytesOut.load(ordering: .relaxed)
        try client.send(text: Self.large)
        #expect(try client.next(timeout: 5) == .text(Self.large))
        try client.close()
        #expect(try client.next(timeout: 5) == .closed(.normalClosure, reason: ""))
        #expect(server.server.metrics.bytesOut.load(ordering: .relaxed) - outBefore > Self.large.utf8.count)
    }

    @Test func chatSessionsReadCompressedRequests() throws {
        let server = try TestServer()
        defer { server.stop() }
        let alice = try ChatTestClient(server, query: "room=dev&name=alice", deflate: true)
        #expect(alice.socket.deflate == Self.agreed)
        _ = try alice.next(type: "joined")
        let text = String(repeating: "a long line that compresses well; ", count: 20)
        try alice.send(["type": "message", "text": text, "ref": "r1"])
        let message = try alice.next(type: "message")
        #expect(message["text"] as? String == text)
        #expect(try alice.next()["type"] as? String == "ack")
    }

    @Test("bad --deflate and --deflate-min-size values exit with status 2 and say why", arguments: [
        (["--deflate", "yes"], "--deflate must be on or off, got 'yes'"),
        (["--deflate-min-size", "-1"], "--deflate-min-size needs a whole number of bytes, 0 or more, got '-1'"),
        (["--deflate-min-size=lots"], "--deflate-min-size needs a whole number of bytes, 0 or more, got 'lots'"),
    ])
    func badFlags(arguments: [String], message: String) throws {
        let run = try ChildProcess.run(ServerProcess.binary.path, ["--port", "0"] + arguments)
        #expect(run.status == 2)
        #expect(run.errors.contains(message), "\(run.errors)")
    }

    /// A room message is compressed once for every member that negotiated
    /// deflate, and sent plain to the others.
    @Test func chatDeliveriesAreCompressedForMembersThatAskedOnly() throws {
        let server = try TestServer { $0.chat.rateLimit = 0 }
        defer { server.stop() }
        let metrics = server.server.metrics
        let compressing = try (0..<3).map { _ in try server.connect("/?room=r", deflate: true) }
        let plain = try server.connect("/?room=r")
        let text = String(repeating: "a chat line that repeats, as chat does. ", count: 100)
        for client in compressing + [plain] {
            while let event = try client.next(timeout: 2) {
                if case .text(let payload) = event, payload.contains(#""type":"joined""#) { break }
            }
        }
        let before = metrics.bytesOut.load(ordering: .relaxed)
        try plain.send(text: text)
        for client in compressing + [plain] {
            var got: String?
            while got == nil, let event = try client.next(timeout: 5) {
                if case .text(let payload) = event, payload.contains(#""type":"message""#) { got = payload }
            }
            #expect(got?.contains(text) == true)
        }
        try plain.close()
        while let event = try plain.next(timeout: 2), event != .closed(.normalClosure, reason: "") {}
        let sent = metrics.bytesOut.load(ordering: .relaxed) - before
        #expect(sent < text.utf8.count * 2, "\(sent) bytes sent for one \(text.utf8.count)-byte message to 4 members")
    }
}
