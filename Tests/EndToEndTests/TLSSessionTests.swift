import Glibc
import TestSupport
import Testing
import TLS

/// The TLS module's sessions on both ends of a non-blocking socket pair,
/// stepped by hand: no loop, no timing.
@Suite("TLS sessions over a socket pair")
final class TLSSessionTests {
    let certificates: TestCertificates
    let server: TLSSession
    let client: TLSSession
    private let fds: [Int32]

    init() throws {
        certificates = try TestCertificates.shared()
        var pair: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0, &pair) == 0 else {
            throw TestCertificatesError("socketpair failed")
        }
        fds = pair
        let serving = try TLSContext.server(certificateFile: certificates.certificateFile, keyFile: certificates.keyFile)
        let trusting = try TLSContext.client(trustedCertificatesFile: certificates.caFile)
        server = try #require(TLSSession.accepting(serving, fd: pair[0]))
        client = try #require(TLSSession.connecting(trusting, fd: pair[1], serverName: "localhost"))
    }

    deinit { fds.forEach { close($0) } }

    /// Steps both handshakes in turn until both are complete.
    private func handshake() throws {
        var serverStep = TLSSession.Step.wantsReadable, clientStep = TLSSession.Step.wantsReadable
        for _ in 0..<20 where serverStep != .complete || clientStep != .complete {
            clientStep = client.handshake()
            serverStep = server.handshake()
        }
        #expect(clientStep == .complete && serverStep == .complete, "client \(clientStep), server \(serverStep)")
    }

    @Test func bytesGoBothWaysAfterTheHandshake() throws {
        try handshake()
        #expect(Array("ping".utf8).withUnsafeBytes { client.write($0) } == .transferred(4))
        var buffer = [UInt8](repeating: 0, count: 100)
        #expect(buffer.withUnsafeMutableBytes { server.read(into: $0) } == .transferred(4))
        #expect(Array("pong".utf8).withUnsafeBytes { server.write($0) } == .transferred(4))
        #expect(buffer.withUnsafeMutableBytes { client.read(into: $0) } == .transferred(4))
        #expect(buffer.withUnsafeMutableBytes { server.read(into: $0) } == .wouldBlock)
    }

    /// What OpenSSL decrypted or read ahead beyond a full buffer is not in
    /// the socket any more: `hasBufferedInput` says so, and reads without
    /// waiting take it all.
    @Test func inputBeyondAFullBufferIsReportedAndTakenWithoutWaiting() throws {
        try handshake()
        let sent = (0..<60_000).map { UInt8(truncatingIfNeeded: $0) }
        #expect(sent.withUnsafeBytes { client.write($0) } == .transferred(sent.count))
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1000)
        var reportedBuffered = false
        for _ in 0..<200 where received.count < sent.count {
            guard case .transferred(let count) = buffer.withUnsafeMutableBytes({ server.read(into: $0) }) else { break }
            received += buffer[..<count]
            reportedBuffered = reportedBuffered || server.hasBufferedInput
        }
        #expect(received == sent)
        #expect(reportedBuffered)
        #expect(!server.hasBufferedInput)
    }

    @Test func closeNotifyEndsThePeersStream() throws {
        try handshake()
        #expect(server.sendCloseNotify())
        var buffer = [UInt8](repeating: 0, count: 100)
        #expect(buffer.withUnsafeMutableBytes { client.read(into: $0) } == .endOfStream)
    }

    @Test func plaintextHTTPFailsTheHandshakeAsAProtocolError() throws {
        let request = Array("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".utf8)
        _ = request.withUnsafeBytes { send(fds[1], $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        guard case .failed(let failure) = server.handshake() else {
            Issue.record("the handshake did not fail")
            return
        }
        #expect(failure.kind == .protocolError)
        #expect(failure.reason.contains("http request"), "\(failure.reason)")
    }
}
