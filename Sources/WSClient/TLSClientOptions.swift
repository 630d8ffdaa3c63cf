/// How a `wss://` client decides whom to trust.
public struct TLSClientOptions: Equatable, Sendable {
    /// PEM certificates of the CAs to trust instead of the system's (`--ca-file`).
    public var trustedCertificatesFile: String?
    /// Off (`--insecure`): any certificate is accepted, for any name, so
    /// anyone on the path can read and change the traffic. On by default:
    /// the certificate must chain to a trusted CA and name the URL's host.
    public var verifiesCertificate: Bool

    public init(trustedCertificatesFile: String? = nil, verifiesCertificate: Bool = true) {
        self.trustedCertificatesFile = trustedCertificatesFile
        self.verifiesCertificate = verifiesCertificate
    }
}
