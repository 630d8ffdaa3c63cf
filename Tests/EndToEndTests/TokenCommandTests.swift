import Foundation
import TestSupport
import Testing
import WSServer

/// `chat-server token` run as a child process: what it prints, how it exits.
@Suite("chat-server token")
final class TokenCommandTests {
    /// Exit status, stdout and stderr of one run.
    struct Run {
        var status: Int32
        var output: String
        var errors: String
    }

    static let secret = "0123456789abcdef0123456789abcdef-test"

    static func run(_ arguments: [String]) throws -> Run {
        let run = try ChildProcess.run(ServerProcess.binary.path, ["token"] + arguments)
        return Run(status: run.status ?? -1, output: run.output, errors: run.errors)
    }

    /// A fresh directory per test for the secret files, removed afterwards.
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("token-\(UUID().uuidString)")

    init() throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    /// A secret file holding `content`.
    func secretFile(_ content: String = secret + "\n") throws -> String {
        let path = directory.appendingPathComponent("secret").path
        try content.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("prints one token and a newline that the verifier accepts with the claims asked for")
    func mints() throws {
        let file = try secretFile()
        let run = try Self.run(["--secret-file", file, "--sub", "alice", "--name=Alice A", "--rooms", "team, proj-*",
                                "--broadcast", "--ttl", "120"])
        #expect(run.status == 0 && run.errors.isEmpty)
        #expect(run.output.hasSuffix("\n") && run.output.filter { $0 == "\n" }.count == 1)
        let now = Int64(Date().timeIntervalSince1970)
        let verifier = TokenVerifier(secret: Array(Self.secret.utf8))
        let token = try verifier.verify(String(run.output.dropLast()), now: now)
        #expect(token.user == "alice" && token.name.value == "Alice A")
        #expect(token.rooms == ["team", "proj-*"] && token.mayBroadcast)
        #expect((now + 115...now + 121).contains(token.expiry))
        #expect(throws: TokenRefusal.self) { try verifier.verify(String(run.output.dropLast()), now: now + 160) }
    }

    @Test("defaults: display name from sub, any room, no broadcast, one hour; --rooms '' is no room")
    func defaults() throws {
        let file = try secretFile()
        let verifier = TokenVerifier(secret: Array(Self.secret.utf8))
        let now = Int64(Date().timeIntervalSince1970)
        let plain = try verifier.verify(String(try Self.run(["--secret-file", file, "--sub", "bob"]).output.dropLast()), now: now)
        #expect(plain.name.value == "bob" && plain.rooms == nil && !plain.mayBroadcast)
        #expect((now + 3595...now + 3601).contains(plain.expiry))
        let noRoom = try Self.run(["--secret-file", file, "--sub", "bob", "--rooms", ""])
        #expect(try verifier.verify(String(noRoom.output.dropLast()), now: now).rooms == [])
    }

    @Test("--help prints the usage and exits 0")
    func help() throws {
        let run = try Self.run(["--help"])
        #expect(run.status == 0)
        #expect(run.output.hasPrefix("Usage: chat-server token --secret-file FILE --sub USER"))
    }

    @Test("bad values exit 2 with a message that says which", arguments: [
        (["--sub", "alice"], "needs --secret-file FILE and --sub USER"),
        (["--secret-file", "SECRET"], "needs --secret-file FILE and --sub USER"),
        (["--secret-file", "SECRET", "--sub", ""], "--sub must be 1 to 64 characters"),
        (["--secret-file", "SECRET", "--sub", "a", "--name", "\u{7}"], "--name must follow the nickname rules"),
        (["--secret-file", "SECRET", "--sub", "   "], "give --name"),
        (["--secret-file", "SECRET", "--sub", "a", "--rooms", "team,a b"], "--rooms entry 'a b'"),
        (["--secret-file", "SECRET", "--sub", "a", "--rooms", "team,"], "--rooms entry ''"),
        (["--secret-file", "SECRET", "--sub", "a", "--ttl", "0"], "--ttl needs whole seconds"),
        (["--secret-file", "SECRET", "--sub", "a", "--ttl", "1h"], "--ttl needs whole seconds"),
        (["--secret-file", "SECRET", "--sub", "a", "--port", "1"], "unknown option '--port'"),
        (["--secret-file", "SECRET", "--sub"], "--sub needs a value"),
        (["--secret-file", "/nonexistent/secret", "--sub", "a"], "cannot read secret file '/nonexistent/secret': No such file"),
    ])
    func refused(arguments: [String], message: String) throws {
        let file = try secretFile()
        let run = try Self.run(arguments.map { $0 == "SECRET" ? file : $0 })
        #expect(run.status == 2)
        #expect(run.output.isEmpty)
        #expect(run.errors.contains(message), "\(run.errors)")
    }

    @Test("a secret under 32 bytes exits 2 naming the file, without showing the secret")
    func shortSecret() throws {
        let file = try secretFile("QZX-only-31-bytes-of-a-secret.\n")
        let run = try Self.run(["--secret-file", file, "--sub", "a"])
        #expect(run.status == 2 && run.output.isEmpty)
        #expect(run.errors.contains("secret file '\(file)' holds 30 bytes"))
        #expect(!run.errors.contains("QZX"))
    }
}
