import Foundation
import TestSupport
import Testing

/// `--tls-cert`/`--tls-key` at start-up, and what a stock TLS client (the
/// `openssl s_client` CLI) sees: TLS 1.2 and 1.3 with ALPN http/1.1 and
/// close_notify before the end, TLS 1.1 refused.
@Suite("End to end: TLS from the command line")
final class TLSCommandLineTests {
    let certificates: TestCertificates

    init() throws {
        certificates = try TestCertificates.shared()
    }


    /// A certificate or key that cannot be used: exit status 2 and a message
    /// naming the file and the reason.
    @Test func anUnusablePairExitsWithStatusTwo() throws {
        let missing = certificates.path("missing.pem")
        let cases: [([String], String)] = [
            (["--tls-cert", missing, "--tls-key", certificates.keyFile], "--tls-cert \(missing): cannot read: No such file"),
            (["--tls-cert", certificates.certificateFile, "--tls-key", missing], "--tls-key \(missing): cannot read"),
            (["--tls-cert", certificates.expiredCertificateFile, "--tls-key", certificates.keyFile],
             "--tls-cert \(certificates.expiredCertificateFile): the certificate expired on "),
            (["--tls-cert", certificates.certificateFile, "--tls-key", certificates.secondKeyFile],
             "--tls-key \(certificates.secondKeyFile): does not match the certificate in \(certificates.certificateFile)"),
            (["--tls-cert", certificates.keyFile, "--tls-key", certificates.keyFile], "--tls-cert \(certificates.keyFile): not a PEM certificate"),
            (["--tls-cert", certificates.certificateFile], "--tls-cert and --tls-key go together"),
        ]
        for (arguments, message) in cases {
            let outcome = try CommandLineTests.run(arguments + ["--port", "0", "--host", "127.0.0.1"])
            #expect(outcome.status == 2, "\(arguments)")
            #expect(outcome.stderr.contains(message), "stderr: \(outcome.stderr)")
        }
    }

    @Test(arguments: ["-tls1_2", "-tls1_3"])
    func opensslSpeaksToItWithHTTP11AndClosesCleanly(_ version: String) throws {
        let server = try TestServer(certificates: certificates)
        defer { server.stop() }
        let output = try Self.sClient(port: server.port, [version, "-alpn", "h2,http/1.1", "-CAfile", certificates.caFile, "-msg"])
        #expect(output.contains("Protocol  : TLSv1.\(version.suffix(1))"), "\(output)")
        #expect(output.contains("ALPN protocol: http/1.1"))
        #expect(output.contains("Verify return code: 0 (ok)"))
        #expect(output.contains("HTTP/1.1 200 OK"))
        #expect(output.contains("<<< TLS 1.\(version.suffix(1)), Alert [length 0002], warning close_notify"))
    }

    @Test func aTLS11ClientIsRefused() throws {
        let server = try TestServer(certificates: certificates)
        defer { server.stop() }
        let output = try Self.sClient(port: server.port, ["-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0"])
        if output.contains("no protocols available") || output.contains("unsupported protocol") && !output.contains("alert") {
            try Test.cancel("the local openssl cannot offer TLS 1.1 at all: \(output.prefix(300))")
        }
        #expect(output.contains("alert protocol version"), "\(output)")
        #expect(!output.contains("HTTP/1.1 200"))
        #expect(server.server.metrics.handshakeFailuresByReason["tls"] == 1)
    }

    /// `openssl s_client` sending `GET /health` and reading until the server
    /// closes; stdout and stderr together. Bounded by 10 s.
    static func sClient(port: Int, _ arguments: [String]) throws -> String {
        let run = try ChildProcess.run(
            "openssl", ["s_client", "-connect", "127.0.0.1:\(port)", "-servername", "localhost", "-ign_eof"] + arguments,
            input: "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n", mergingErrors: true)
        return run.output
    }
}
