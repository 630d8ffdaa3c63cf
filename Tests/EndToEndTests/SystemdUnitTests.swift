import Foundation
import TestSupport
import Testing

/// `systemd-analyze`, where systemd is installed.
let systemdAnalyzer = ["/usr/bin/systemd-analyze", "/bin/systemd-analyze"].first {
    FileManager.default.isExecutableFile(atPath: $0)
}

/// contrib/chat-server.service passes `systemd-analyze verify` (with its
/// ExecStart pointed at the binary under test), where systemd is installed.
@Suite("contrib: the systemd unit", .enabled(if: systemdAnalyzer != nil))
struct SystemdUnitTests {
    static let analyzer = systemdAnalyzer

    static var unitFile: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("contrib/chat-server.service")
    }

    @Test func theUnitVerifies() throws {
        let text = try String(contentsOf: Self.unitFile, encoding: .utf8)
        #expect(text.contains("DynamicUser=yes") && text.contains("NoNewPrivileges=yes"))
        #expect(text.contains("ProtectSystem=strict") && text.contains("LimitNOFILE=") && text.contains("Restart=on-failure"))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("unit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let unit = directory.appendingPathComponent("chat-server.service")
        try text.replacingOccurrences(of: "/usr/local/bin/chat-server", with: ServerProcess.binary.path)
            .write(to: unit, atomically: true, encoding: .utf8)
        let run = try ChildProcess.run(try #require(Self.analyzer), ["verify", unit.path], timeout: 60)
        #expect(run.status == 0, "systemd-analyze: \(run.errors)")
    }
}
