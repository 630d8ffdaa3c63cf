import BenchKit
import Testing
import TestSupport

/// `--tls`: the scenarios over wss:// against an in-process server that
/// serves TLS only, with throwaway certificates; a server whose certificate
/// does not chain to the CA given is refused unless `--insecure`.
@Suite("Scenarios over TLS")
struct TLSScenarioTests {
    private func run(_ arguments: String) throws -> BenchReport {
        let certificates = try TestCertificates.shared()
        let server = try TestServer(certificates: certificates) { $0.chat.rateLimit = 0 }
        defer { server.stop() }
        let line = arguments.replacing("CA", with: certificates.caFile).replacing("OTHER", with: certificates.secondCAFile)
            .split(separator: " ").map(String.init)
        return try BenchRun.run(line + ["--setup-timeout", "5"], ports: [server.port])
    }

    private func expectDelivered(_ report: BenchReport) {
        #expect(report.exitCode == 0)
        #expect(report.failed == 0 && report.tally.disconnects == 0)
        #expect(report.tally.sent > 0)
        #expect(report.completeness == 1.0)
        #expect(report.tally.foreignMarkers == 0 && report.tally.badMarkers == 0)
    }

    @Test func echoOverTLS() throws {
        let report = try run("echo --tls --ca-file CA --connections 4 --window 4 --size 3000 --duration 0.8")
        expectDelivered(report)
        #expect(report.handshakesOK == 4)
        #expect(report.tally.expected == report.tally.sent)
        #expect(report.tally.bytesIn > report.tally.received * 3000)
        #expect(report.text.contains("target wss://127.0.0.1:"))
    }

    @Test func fanoutOverTLS() throws {
        let report = try run("fanout --tls --ca-file CA --clients 20 --senders 2 --rate max --window 4 --duration 0.8")
        expectDelivered(report)
        #expect(report.tally.expected == report.tally.sent * 20)
        #expect(report.json.contains("\"tls\":true"))
    }

    @Test func untrustedCertificateIsRefused() throws {
        let report = try run("echo --tls --ca-file OTHER --connections 3 --duration 0.5")
        #expect(report.exitCode == 1)
        #expect(report.handshakesOK == 0 && report.failed == 3)
        #expect(report.tally.failures[.handshake] == 3)
    }

    @Test func insecureAcceptsAnyCertificate() throws {
        let report = try run("echo --tls --insecure --connections 2 --window 2 --duration 0.5")
        expectDelivered(report)
    }

    @Test func plainClientToTLSServerFails() throws {
        let report = try run("echo --connections 2 --duration 0.5")
        #expect(report.handshakesOK == 0 && report.failed == 2)
    }
}
