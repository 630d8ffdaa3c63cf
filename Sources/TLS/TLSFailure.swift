/// Why a TLS session failed, sorted by what the caller does about it.
public struct TLSFailure: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong, as far as the caller acts on it.
    public enum Kind: Equatable, Sendable {
        /// The connection ended (EOF or reset) before the session could.
        case connectionEnded
        /// The peer did not speak acceptable TLS: plaintext HTTP or other
        /// garbage, a refused version (TLS 1.1 or older), no common cipher
        /// or application protocol.
        case protocolError
        /// The server's certificate did not verify (client side only).
        case untrustedCertificate
    }

    public let kind: Kind
    /// OpenSSL's words: `wrong version number`, `certificate has expired`, ...
    public let reason: String

    public init(_ kind: Kind, _ reason: String) {
        self.kind = kind
        self.reason = reason
    }

    public var description: String { reason }
}
