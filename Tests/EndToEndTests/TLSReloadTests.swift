import Foundation
import SystemKit
import TestSupport
import Testing
import WSClient
import WSServer

/// A certificate renewal: the files are replaced, then SIGHUP (or
/// `Server.reloadTLS()`, which SIGHUP calls) makes new connections use the
/// new pair while live ones keep theirs; a pair that does not load is
/// refused and the current one kept.
@Suite("End to end: TLS certificate reload")
final class TLSReloadTests {
    let certificates: TestCertificates
    /// The files the server is started with, replaced as a renewal would.
    let liveCertificate, liveKey: String

    init() throws {
        certificates = try TestCertificates.shared()
        let unique = UUID().uuidString
        liveCertificate = certificates.path("live-\(unique).pem")
        liveKey = certificates.path("live-\(unique).key")
        try TestCertificates.copy(certificates.certificateFile, to: liveCertificate)
        try TestCertificates.copy(certificates.keyFile, to: liveKey)
    }

    deinit {
        unlink(liveCertificate)
        unlink(liveKey)
    }

    private func renew() throws {
        try TestCertificates.copy(certificates.secondCertificateFile, to: liveCertificate)
        try TestCertificates.copy(certificates.secondKeyFile, to: liveKey)
    }

    @Test func newConnectionsGetTheNewCertificateAndOldOnesCarryOn() throws {
        let server = try TestServer { config in
            config.tlsCertificateFile = liveCertificate
            config.tlsKeyFile = liveKey
        }
        defer { server.stop() }
        let old = ChatTestClient(socket: try server.connect("/?room=r&name=old", tls: certificates.trust))
        _ = try old.next(type: "joined")
        try renew()
        try server.server.reloadTLS()
        #expect(throws: ClientError.untrustedCertificate("unable to get local issuer certificate")) {
            try server.connect("/", tls: self.certificates.trust)
        }
        let new = ChatTestClient(socket: try server.connect("/?room=r&name=new", tls: certificates.secondTrust))
        _ = try new.next(type: "joined")
        try old.send(text: "still here")
        #expect(try new.next(type: "message")["text"] as? String == "still here")
        #expect(try old.next(type: "message")["text"] as? String == "still here", "the sender's own copy")
        try new.send(text: "welcome back")
        #expect(try old.next(type: "message")["text"] as? String == "welcome back")
    }

    @Test func aPairThatDoesNotLoadLeavesTheCurrentOneInPlace() throws {
        let server = try TestServer { config in
            config.tlsCertificateFile = liveCertificate
            config.tlsKeyFile = liveKey
        }
        defer { server.stop() }
        try TestCertificates.copy(certificates.secondCertificateFile, to: liveCertificate)
        let refusal = #expect(throws: ServerError.self) { try server.server.reloadTLS() }
        #expect(refusal?.description.contains("--tls-key \(liveKey): does not match the certificate") == true, "\(String(describing: refusal))")
        try server.connect("/", tls: certificates.trust).close()
    }

    /// The real signal, once, with the binary in a child process.
    @Test func sighupReloadsTheRunningServer() throws {
        let log = URL(fileURLWithPath: liveCertificate + ".log")
        let server = try ServerProcess(["--tls-cert", liveCertificate, "--tls-key", liveKey], stderr: log)
        defer { _ = server.stop() }
        let url = WebSocketURL(host: "127.0.0.1", port: server.port, target: "/echo", isSecure: true)
        let old = try WebSocketClient.connect(to: url, timeout: 5, tls: certificates.trust)
        try renew()
        server.child.signal(SIGHUP)
        let deadline = MonotonicClock.seconds() + 5
        var renewed: WebSocketClient?
        while renewed == nil, MonotonicClock.seconds() < deadline {
            renewed = try? WebSocketClient.connect(to: url, timeout: 5, tls: certificates.secondTrust)
            if renewed == nil { usleep(20_000) }
        }
        #expect(renewed != nil, "no connection with the renewed certificate within 5 s")
        try old.send(text: "old connection")
        #expect(try old.next(timeout: 5) == .text("old connection"))
        #expect(!server.child.hasExited())
        #expect(server.stop() == 0)
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        unlink(log.path)
        #expect(text.contains("TLS certificate reloaded from \(liveCertificate)"), "log: \(text)")
    }
}
