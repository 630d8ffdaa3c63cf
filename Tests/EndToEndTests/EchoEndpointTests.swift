import TestSupport
import Testing
import WSClient
import WSProtocol

/// `/echo` over real sockets: every message comes back unchanged.
@Suite("End to end: /echo")
struct EchoEndpointTests {
    @Test func echoesTextAndBinary() throws {
        let server = try TestServer()
        defer { server.stop() }
        let client = try server.connect("/echo")
        try client.send(text: "hello, wörld")
        #expect(try client.next(timeout: 5) == .text("hello, wörld"))
        try client.send(binary: [0, 1, 2, 255])
        #expect(try client.next(timeout: 5) == .binary([0, 1, 2, 255]))
        try client.close()
        #expect(try client.next(timeout: 5) == .closed(.normalClosure, reason: ""))
    }
}
