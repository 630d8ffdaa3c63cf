import Synchronization
import TLS

/// The server's certificate and key, loaded from their files at start and
/// again by `reload()` (SIGHUP, after a renewal) for new connections only:
/// a session keeps the context it began with, so live connections keep
/// their certificate. A pair that fails to load leaves the current one in
/// place. Every loop reads `current` when it adopts a socket.
final class TLSCredentials: Sendable {
    let certificateFile: String
    let keyFile: String
    private let context: Mutex<TLSContext>

    init(certificateFile: String, keyFile: String) throws(ServerError) {
        self.certificateFile = certificateFile
        self.keyFile = keyFile
        context = Mutex(try Self.load(certificateFile, keyFile))
    }

    /// The context new sessions start from.
    var current: TLSContext {
        context.withLock { $0 }
    }

    /// Loads the files again; on success new sessions use the new pair.
    func reload() throws(ServerError) {
        let fresh = try Self.load(certificateFile, keyFile)
        context.withLock { $0 = fresh }
    }

    /// The message names the option and the file: `--tls-key /etc/...: does not match ...`.
    private static func load(_ certificateFile: String, _ keyFile: String) throws(ServerError) -> TLSContext {
        do {
            return try TLSContext.server(certificateFile: certificateFile, keyFile: keyFile)
        } catch {
            switch error {
            case .certificate(let path, let reason): throw .invalidConfiguration("--tls-cert \(path): \(reason)")
            case .privateKey(let path, let reason): throw .invalidConfiguration("--tls-key \(path): \(reason)")
            case .trustedCertificates, .library: throw .invalidConfiguration("TLS: \(error)")
            }
        }
    }
}
