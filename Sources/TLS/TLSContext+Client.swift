import COpenSSL

/// The client's context: whom to trust (the system's CAs, or those of a
/// file), or, with verification off, anyone.
extension TLSContext {
    /// With `verifiesPeer`, the server's certificate must chain to a CA of
    /// `trustedCertificatesFile` (PEM), or of the system store when nil.
    public static func client(trustedCertificatesFile: String? = nil, verifiesPeer: Bool = true) throws(TLSError) -> TLSContext {
        let context = try TLSContext(method: TLS_client_method())
        guard copenssl_offer_http11(context.pointer) == 1 else { throw .library("cannot offer ALPN: \(ErrorQueue.take())") }
        guard verifiesPeer else {
            SSL_CTX_set_verify(context.pointer, SSL_VERIFY_NONE, nil)
            return context
        }
        SSL_CTX_set_verify(context.pointer, SSL_VERIFY_PEER, nil)
        if let file = trustedCertificatesFile {
            if let reason = unreadable(file) { throw .trustedCertificates(path: file, reason: reason) }
            ErrorQueue.clear()
            guard SSL_CTX_load_verify_locations(context.pointer, file, nil) == 1 else {
                throw .trustedCertificates(path: file, reason: "no PEM certificates (\(ErrorQueue.take()))")
            }
        } else if SSL_CTX_set_default_verify_paths(context.pointer) != 1 {
            throw .library("cannot load the system's CA certificates: \(ErrorQueue.take())")
        }
        return context
    }
}
