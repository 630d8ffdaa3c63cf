import BenchKit
import Foundation
import Testing
import TestSupport

/// Each scenario, short and small, against an in-process chat-server: every
/// message must arrive and the figures must add up.
@Suite("Scenarios end to end")
struct ScenarioEndToEndTests {
    private func run(_ arguments: String) throws -> BenchReport {
        try BenchRun.run(arguments)
    }

    private func json(_ report: BenchReport) throws -> [String: Any] {
        try BenchRun.json(report)
    }

    private func expectDelivered(_ report: BenchReport) {
        #expect(report.exitCode == 0)
        #expect(report.failed == 0)
        #expect(report.tally.sent > 0)
        #expect(report.tally.expected > 0)
        #expect(report.completeness == 1.0)
        #expect(report.latency.count == report.tally.received)
        #expect(report.latency.min > 0 && report.latency.percentile(50) <= report.latency.percentile(99))
        #expect(report.tally.foreignMarkers == 0 && report.tally.badMarkers == 0 && report.tally.disconnects == 0)
    }

    @Test func fanoutWindowed() throws {
        let report = try run("fanout --clients 20 --senders 2 --rate max --window 4 --duration 0.8")
        expectDelivered(report)
        #expect(report.tally.expected == report.tally.sent * 20)
        #expect(report.throughput > 0)
        let figures = try json(report)
        #expect(figures["scenario"] as? String == "fanout")
        #expect(figures["completeness"] as? Double == 1.0)
        #expect((figures["deliveries_per_s"] as? Double ?? 0) > 0)
        #expect((figures["latency_us"] as? [String: Any])?["p999"] != nil)
    }

    @Test func fanoutPaced() throws {
        let report = try run("fanout --clients 10 --rate 50 --duration 0.8 --room Bench_1.x-y")
        expectDelivered(report)
        #expect((35...45).contains(report.tally.sent))
        #expect(abs(report.throughput - 500) < 100)
    }

    @Test func rooms() throws {
        let report = try run("rooms --clients 30 --rooms 3 --rate 5 --duration 0.8")
        expectDelivered(report)
        #expect(report.tally.expected == report.tally.sent * 10)
        #expect((100...140).contains(report.tally.sent))
    }

    @Test func echo() throws {
        let report = try run("echo --connections 4 --window 4 --size 100 --duration 0.8")
        expectDelivered(report)
        #expect(report.tally.expected == report.tally.sent)
        #expect(try json(report)["round_trips_per_s"] != nil)
    }

    @Test func connect() throws {
        let report = try run("connect --clients 50 --concurrency 8 --join lobby --hold 0.5 --duration 5")
        #expect(report.exitCode == 0)
        #expect(report.handshakesOK == 50 && report.failed == 0)
        #expect(report.handshakesPerSecond > 0)
        #expect(report.openAtEnd == 50 && report.joinedAtEnd == 50)
        #expect(report.handshakeLatency.count == 50)
        let figures = try json(report)
        #expect(figures["open_at_end"] as? Int == 50)
        #expect(figures["joined_at_end"] as? Int == 50)
    }

    /// The server pings clients idle for half its idle timeout and drops
    /// those that stay silent; answered pings keep every connection open.
    @Test func connectAnswersPingsWhileHolding() throws {
        let server = try TestServer {
            $0.chat.rateLimit = 0
            $0.chat.idleTimeout = 0.6
            $0.chat.sweepInterval = 0.1
        }
        defer { server.stop() }
        let options = try BenchOptions.parse(["connect", "--clients", "10", "--hold", "1.5", "--port", String(server.port)])
        let report = try LoadGenerator(options: options).run()
        #expect(report.exitCode == 0)
        #expect(report.tally.pings > 0)
        #expect(report.tally.pongsSent == report.tally.pings)
        #expect(report.openAtEnd == 10 && report.tally.disconnects == 0)
    }

    @Test func nothingListeningIsExitStatusOne() throws {
        let server = try TestServer { $0.chat.rateLimit = 0 }
        let port = server.port
        server.stop()
        let options = try BenchOptions.parse(["echo", "--connections", "2", "--port", String(port), "--setup-timeout", "2"])
        let report = try LoadGenerator(options: options).run()
        #expect(report.exitCode == 1)
        #expect(report.failed == 2)
        #expect(report.tally.failures[.refused] == 2)
    }
}
