import Glibc
import TestSupport
import Testing
import WSServer

/// ws-client over wss:// against a server with a throwaway certificate:
/// the CA given with --ca-file, refused without it, and --insecure saying
/// loudly what it gives up.
@Suite("ws-client over TLS")
final class TLSClientTests {
    let certificates: TestCertificates
    let server: TestServer

    init() throws {
        certificates = try TestCertificates.shared()
        server = try TestServer(certificates: certificates)
    }

    deinit { server.stop() }

    var echoURL: String { "wss://127.0.0.1:\(server.port)/echo" }

    /// Large messages and many small ones: what TLS decrypts beyond one read
    /// must be taken even though poll does not report it.
    @Test func pipeModeIsByteExactOverWSS() throws {
        let big = String(repeating: "0123456789abcdef", count: 1 << 16)
        let many = (1...2000).map { "line \($0)" }.joined(separator: "\n")
        let input = big + "\n" + many + "\n" + big + "\n"
        let run = try PipeRun.run(["--ca-file", certificates.caFile, echoURL], stdin: input, timeout: 20)
        #expect(run.status == 0)
        #expect(run.stdout == input)
        #expect(run.stderr == "")
    }

    @Test func anUntrustedCertificateIsRefusedAndNotRetried() throws {
        let run = try PipeRun.run([echoURL], stdin: "hello\n")
        #expect(run.status == 1)
        #expect(run.stderr.contains("the server's certificate is not trusted (unable to get local issuer certificate)"), "\(run.stderr)")
        #expect(run.stdout == "")
        let terminal = try PseudoTerminal(arguments: ["wss://127.0.0.1:\(server.port)/"])
        #expect(terminal.waitFor(text: "the server's certificate is not trusted"))
        #expect(terminal.waitForExit() == 1)
    }

    @Test func insecureWorksAndSaysSoOnStderr() throws {
        let run = try PipeRun.run(["--insecure", echoURL], stdin: "hello\n")
        #expect(run.status == 0)
        #expect(run.stdout == "hello\n")
        #expect(run.stderr.contains("WARNING: --insecure: the server's certificate is NOT checked"))
    }

    @Test func interactiveModeChatsOverWSS() throws {
        let terminal = try PseudoTerminal(arguments: ["--name", "ann", "--ca-file", certificates.caFile, "wss://127.0.0.1:\(server.port)/"])
        terminal.waitFor("the prompt") { $0.cursorLine == "#lobby>" }
        terminal.type("hello over TLS\r")
        terminal.waitFor(text: "#lobby ann (you): hello over TLS")
        terminal.type("/quit\r")
        #expect(terminal.waitForExit() == 0)
    }
}
