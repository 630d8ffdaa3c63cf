import BenchKit
import Foundation
import TestSupport
import Testing

/// `--deflate` against an in-process server, which compresses deliveries of
/// 256 bytes or more for members that negotiated permessage-deflate: every
/// one is inflated and counted, and the bytes before and after inflation
/// are reported apart.
@Suite("Deflate")
struct DeflateTests {
    private func run(_ arguments: String, serverDeflate: Bool = true) throws -> BenchReport {
        try BenchRun.run(arguments) { $0.deflate = serverDeflate }
    }

    private func json(_ report: BenchReport) throws -> [String: Any] {
        try BenchRun.json(report)
    }

    @Test func compressedDeliveriesAreInflatedAndCounted() throws {
        let report = try run("fanout --clients 10 --rate max --window 4 --size 600 --duration 0.5 --deflate")
        #expect(report.exitCode == 0 && report.completeness == 1.0 && report.tally.received > 0)
        #expect(report.deflateConnections == 10)
        #expect(report.tally.foreignMarkers == 0 && report.tally.badMarkers == 0)
        // Every delivery of a 600-byte text is compressed; joins and presence stay small.
        #expect(report.tally.compressedMessages >= report.tally.received)
        #expect(report.tally.messageWireBytes < report.tally.messageBytes / 2)
        let figures = try json(report)
        #expect(figures["deflate"] as? Bool == true)
        #expect(figures["deflate_connections"] as? Int == 10)
        #expect(figures["compressed_msgs_rx"] as? Int == Int(report.tally.compressedMessages))
        #expect(figures["msg_wire_bytes_rx"] as? Int == Int(report.tally.messageWireBytes))
        #expect(report.text.contains("deflate      accepted on 10/10 connections"))
    }

    @Test func identicalDeliveriesAreInflatedOnce() throws {
        let report = try run("fanout --clients 10 --rate max --window 4 --size 600 --duration 0.5 --deflate")
        #expect(report.exitCode == 0 && report.completeness == 1.0)
        // Ten members get the same compressed bytes; the cache holds 256 texts,
        // so nearly every message is inflated for its first member only.
        #expect(report.inflations > 0 && report.inflations * 5 < report.tally.compressedMessages)
        #expect(try json(report)["inflated_msgs_rx"] as? Int == Int(report.inflations))
    }

    @Test func inflateEachInflatesEveryDelivery() throws {
        let report = try run("fanout --clients 10 --rate max --window 4 --size 600 --duration 0.5 --deflate --inflate-each")
        #expect(report.exitCode == 0 && report.completeness == 1.0)
        #expect(report.inflations == report.tally.compressedMessages && report.inflations > 0)
    }

    @Test func withoutTheFlagNothingIsCompressed() throws {
        let report = try run("fanout --clients 5 --rate max --window 4 --size 600 --duration 0.3")
        #expect(report.exitCode == 0 && report.completeness == 1.0)
        #expect(report.deflateConnections == 0 && report.tally.compressedMessages == 0)
        #expect(report.tally.messageWireBytes == report.tally.messageBytes && report.tally.messageBytes > 0)
        #expect(try json(report)["deflate"] as? Bool == false)
        #expect(!report.text.contains("deflate"))
    }

    @Test func aServerThatDeclinesIsRunPlain() throws {
        let report = try run("fanout --clients 5 --rate max --window 4 --size 600 --duration 0.3 --deflate", serverDeflate: false)
        #expect(report.exitCode == 0 && report.completeness == 1.0)
        #expect(report.deflateConnections == 0 && report.tally.compressedMessages == 0)
        #expect(report.text.contains("accepted on 0/5 connections"))
    }

    @Test func echoesComeBackCompressed() throws {
        let report = try run("echo --connections 2 --window 4 --size 600 --duration 0.3 --deflate")
        #expect(report.exitCode == 0 && report.completeness == 1.0)
        #expect(report.tally.compressedMessages == report.tally.messages)
    }
}
