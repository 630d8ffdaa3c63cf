import BenchKit
import Foundation
import Testing
import TestSupport

/// `--port A,B`: connections alternate between two in-process servers. The
/// two share no rooms, so the scenarios keep every room on one server:
/// echo has none, and with two rooms client i's room and port are both i mod 2.
@Suite("Several ports")
struct MultiPortTests {
    private func run(_ arguments: String) throws -> BenchReport {
        let first = try TestServer { $0.chat.rateLimit = 0 }
        defer { first.stop() }
        let second = try TestServer { $0.chat.rateLimit = 0 }
        defer { second.stop() }
        let report = try BenchRun.run(arguments.split(separator: " ").map(String.init), ports: [first.port, second.port])
        #expect(report.ports.map(\.port) == [first.port, second.port])
        return report
    }

    @Test func echoSplitsTheConnections() throws {
        let report = try run("echo --connections 5 --window 2 --duration 0.5")
        #expect(report.exitCode == 0 && report.completeness == 1.0 && report.tally.sent > 0)
        #expect(report.ports.map(\.handshakesOK) == [3, 2])
        #expect(report.ports.map(\.ready) == [3, 2])
        #expect(report.ports.map(\.failed) == [0, 0])
        #expect(report.text.contains("ports"))
    }

    @Test func roomsThatStayOnOneServerAreComplete() throws {
        let report = try run("rooms --clients 20 --rooms 2 --rate 5 --duration 0.5")
        #expect(report.exitCode == 0 && report.completeness == 1.0)
        #expect(report.tally.expected == report.tally.sent * 10)
        #expect(report.ports.map(\.ready) == [10, 10])
    }

    @Test func jsonKeepsPortAndAddsEachPortsCounts() throws {
        let report = try run("echo --connections 4 --window 2 --duration 0.3")
        let object = try JSONSerialization.jsonObject(with: Data(report.json.utf8))
        let figures = try #require(object as? [String: Any])
        #expect(figures["port"] as? Int == report.ports[0].port)
        #expect(figures["ports"] as? [Int] == report.ports.map(\.port))
        let perPort = try #require(figures["per_port"] as? [[String: Any]])
        #expect(perPort.map { $0["handshakes_ok"] as? Int } == [2, 2])
    }

    /// A port where nothing listens fails only its own share.
    @Test func aDeadPortFailsItsShareOnly() throws {
        let live = try TestServer { $0.chat.rateLimit = 0 }
        defer { live.stop() }
        let dead = try TestServer { $0.chat.rateLimit = 0 }
        let deadPort = dead.port
        dead.stop()
        let options = try BenchOptions.parse(["echo", "--connections", "4", "--port", "\(live.port),\(deadPort)", "--duration", "0.3", "--setup-timeout", "2"])
        let report = try LoadGenerator(options: options).run()
        #expect(report.exitCode == 3)
        #expect(report.ports.map(\.ready) == [2, 0])
        #expect(report.ports.map(\.failed) == [0, 2])
        #expect(report.tally.failures[.refused] == 2)
    }
}
