import Foundation
import SystemKit
import TestSupport
import Testing
import WSClient
import WSProtocol

/// chat-server with `--tls-cert`/`--tls-key`: chat, echo and HTTP over TLS
/// on one port, and everything that is not TLS dropped without stalling.
@Suite("End to end: TLS")
final class TLSTests {
    let certificates: TestCertificates

    init() throws {
        certificates = try TestCertificates.shared()
    }


    @Test func twoClientsChatOverWSS() throws {
        let server = try TestServer(certificates: certificates)
        defer { server.stop() }
        let alice = ChatTestClient(socket: try server.connect("/?room=r&name=alice", tls: certificates.trust))
        let bob = ChatTestClient(socket: try server.connect("/?room=r&name=bob", deflate: true, tls: certificates.trust))
        _ = try alice.next(type: "joined")
        _ = try bob.next(type: "joined")
        try alice.send(text: "hello over TLS")
        #expect(try bob.next(type: "message")["text"] as? String == "hello over TLS")
        #expect(try alice.next(type: "message")["text"] as? String == "hello over TLS", "the sender's own copy")
        let long = String(repeating: "compressible ", count: 2000)
        try bob.send(text: long)
        #expect(try alice.next(type: "message")["text"] as? String == long)
    }

    /// 2 MiB each way: reads fill the loop's buffer while OpenSSL still
    /// holds records (read again in the same pass), and writes go out
    /// record by record around a full socket.
    @Test func aLargeMessageEchoesIntactOverWSS() throws {
        let server = try TestServer(certificates: certificates)
        defer { server.stop() }
        let client = try server.connect("/echo", tls: certificates.trust)
        let payload = (0..<(2 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ $0 >> 9) }
        try client.send(binary: payload)
        try client.send(text: "after")
        #expect(try client.next(timeout: 10) == .binary(payload))
        #expect(try client.next(timeout: 5) == .text("after"))
    }

    @Test func healthAndThePageOverHTTPS() throws {
        let server = try TestServer(certificates: certificates)
        defer { server.stop() }
        let health = try HTTPSClient.get("/health", port: server.port, caFile: certificates.caFile)
        #expect(health.status == 200)
        #expect(health.body.contains("\"status\":\"healthy\""))
        let page = try HTTPSClient.get("/", port: server.port, caFile: certificates.caFile)
        #expect(page.status == 200)
        #expect(page.header("Content-Type") == "text/html; charset=utf-8")
    }

    /// Dropped at once (not at the handshake deadline), counted, and the
    /// loop goes on serving TLS.
    @Test func plaintextAndGarbageAreDroppedAndCounted() throws {
        let server = try TestServer(certificates: certificates)
        defer { server.stop() }
        let started = MonotonicClock.seconds()
        #expect(try HTTPClient.get("/health", port: server.port).status == 0)
        #expect(try HTTPClient.exchange(Array("\u{1}\u{2}garbage\r\n\r\n".utf8), port: server.port).status == 0)
        #expect(MonotonicClock.seconds() - started < 3, "the server waited instead of dropping")
        #expect(server.server.metrics.handshakeFailuresByReason["tls"] == 2)
        #expect(try HTTPSClient.get("/health", port: server.port, caFile: certificates.caFile).status == 200)
    }

    /// Silence, or a ClientHello that never ends, is dropped at
    /// `--handshake-timeout`.
    @Test(arguments: [[], [0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xFC, 0x03, 0x03]] as [[UInt8]])
    func aStalledHandshakeIsDroppedAtTheDeadline(_ sent: [UInt8]) throws {
        let server = try TestServer(certificates: certificates) { $0.handshakeTimeout = 0.5 }
        defer { server.stop() }
        let fd = try HTTPClient.connected(port: server.port)
        defer { close(fd) }
        let started = MonotonicClock.seconds()
        _ = sent.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        #expect(HTTPClient.readUntilClosed(fd, timeout: 5).isEmpty)
        let waited = MonotonicClock.seconds() - started
        #expect(waited > 0.3 && waited < 3, "closed after \(waited) s")
    }

    @Test func theClientChecksTheCertificateAndTheName() throws {
        let server = try TestServer(certificates: certificates)
        defer { server.stop() }
        #expect(throws: ClientError.untrustedCertificate("unable to get local issuer certificate")) {
            try server.connect("/")
        }
        try server.connect("/", tls: TLSClientOptions(verifiesCertificate: false)).close()
        let byName = WebSocketURL(host: "localhost", port: server.port, isSecure: true)
        try WebSocketClient.connect(to: byName, timeout: 5, tls: certificates.trust).close()
        let other = try TestServer { config in
            config.tlsCertificateFile = certificates.otherNameCertificateFile
            config.tlsKeyFile = certificates.keyFile
        }
        defer { other.stop() }
        #expect(throws: ClientError.untrustedCertificate("IP address mismatch")) {
            try other.connect("/", tls: self.certificates.trust)
        }
    }
}
