/// Why a context could not be made: a certificate, key or trust file that
/// cannot be used (named, with the reason), or OpenSSL itself failing.
public enum TLSError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The certificate (chain) file: its path and what is wrong with it.
    case certificate(path: String, reason: String)
    /// The private key file: its path and what is wrong with it.
    case privateKey(path: String, reason: String)
    /// The file of trusted CA certificates (client side).
    case trustedCertificates(path: String, reason: String)
    case library(String)

    public var description: String {
        switch self {
        case .certificate(let path, let reason): "certificate \(path): \(reason)"
        case .privateKey(let path, let reason): "private key \(path): \(reason)"
        case .trustedCertificates(let path, let reason): "CA file \(path): \(reason)"
        case .library(let reason): "OpenSSL: \(reason)"
        }
    }
}
