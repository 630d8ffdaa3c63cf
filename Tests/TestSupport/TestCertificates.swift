import Glibc
import Synchronization
import WSClient

/// Throwaway certificates for the TLS tests, made by the `openssl` CLI in a
/// temporary directory: two CAs, each with a server certificate for
/// 127.0.0.1 and localhost (P-256 keys: quick to make), and an expired
/// server certificate and one for another name. `remove()` deletes the
/// directory. Tests share one set (`shared()`): making it takes a dozen runs
/// of `openssl`, which would compete with timing-sensitive tests.
public final class TestCertificates: Sendable {
    public let directory: String
    /// The first CA, and a server certificate it signed, with its key.
    public let caFile, certificateFile, keyFile: String
    /// The second CA, and its server certificate and key (a "renewal").
    public let secondCAFile, secondCertificateFile, secondKeyFile: String
    /// Signed by the first CA for `keyFile`, and expired a day ago.
    public let expiredCertificateFile: String
    /// Signed by the first CA for `keyFile`, valid, for `other.example` only.
    public let otherNameCertificateFile: String

    private static let made = Mutex<TestCertificates?>(nil)

    /// The set made on first use, removed when the test process exits.
    public static func shared() throws -> TestCertificates {
        try made.withLock { made throws in
            if let made { return made }
            let certificates = try TestCertificates()
            made = certificates
            atexit { TestCertificates.made.withLock { $0?.remove() } }
            return certificates
        }
    }

    public init() throws {
        directory = try Files.makeTemporaryDirectory()
        caFile = directory + "/ca.pem"
        certificateFile = directory + "/server.pem"
        keyFile = directory + "/server.key"
        secondCAFile = directory + "/ca2.pem"
        secondCertificateFile = directory + "/server2.pem"
        secondKeyFile = directory + "/server2.key"
        expiredCertificateFile = directory + "/expired.pem"
        otherNameCertificateFile = directory + "/other.pem"
        try makeAll()
    }

    private func makeAll() throws {
        let names = directory + "/server.ext"
        try Files.write(Array("subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n".utf8), to: names)
        try makeAuthority("ca", name: "chat-server test CA 1")
        try makeAuthority("ca2", name: "chat-server test CA 2")
        try makeServer("server", authority: "ca", days: "2", serial: "1001", extensions: names)
        try makeServer("server2", authority: "ca2", days: "2", serial: "2002", extensions: names)
        try run(["x509", "-req", "-in", path("server.csr"), "-CA", caFile, "-CAkey", path("ca.key"), "-set_serial", "1003",
                 "-days", "-1", "-extfile", names, "-out", expiredCertificateFile])
        let otherName = directory + "/other.ext"
        try Files.write(Array("subjectAltName=DNS:other.example\nextendedKeyUsage=serverAuth\n".utf8), to: otherName)
        try run(["x509", "-req", "-in", path("server.csr"), "-CA", caFile, "-CAkey", path("ca.key"), "-set_serial", "1004",
                 "-days", "2", "-extfile", otherName, "-out", otherNameCertificateFile])
    }

    private func makeAuthority(_ stem: String, name: String) throws {
        try run(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2",
                 "-subj", "/CN=\(name)", "-keyout", path(stem + ".key"), "-out", path(stem + ".pem")])
    }

    private func makeServer(_ stem: String, authority: String, days: String, serial: String, extensions: String) throws {
        try run(["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-subj", "/CN=localhost",
                 "-keyout", path(stem + ".key"), "-out", path(stem + ".csr")])
        try run(["x509", "-req", "-in", path(stem + ".csr"), "-CA", path(authority + ".pem"), "-CAkey", path(authority + ".key"),
                 "-set_serial", serial, "-days", days, "-extfile", extensions, "-out", path(stem + ".pem")])
    }

    /// A client that trusts the first CA, or the second.
    public var trust: TLSClientOptions { TLSClientOptions(trustedCertificatesFile: caFile) }
    public var secondTrust: TLSClientOptions { TLSClientOptions(trustedCertificatesFile: secondCAFile) }

    public func path(_ name: String) -> String { directory + "/" + name }

    /// Copies `source` over `destination` (to swap the files a server was started with).
    public static func copy(_ source: String, to destination: String) throws {
        guard access(source, R_OK) == 0 else { throw TestCertificatesError("cannot read \(source)") }
        try Files.write(Array(Files.read(source).utf8), to: destination)
    }

    /// Runs `openssl` with `arguments`, its output in `openssl.log`.
    private func run(_ arguments: [String]) throws {
        let log = path("openssl.log")
        let openssl = try ChildProcess("openssl", arguments, stdout: .file(log, append: true))
        guard openssl.reap() == 0 else { throw TestCertificatesError("openssl \(arguments.joined(separator: " ")) failed; see \(log)") }
    }

    public func remove() {
        Files.removeTree(directory)
    }
}

/// A certificate could not be made or written.
public struct TestCertificatesError: Error, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
