import COpenSSL
import Glibc

/// The server's context: a certificate chain and its private key from PEM
/// files, checked at once so a bad pair is refused with the file named,
/// before any client sees it.
extension TLSContext {
    /// `certificateFile` holds the server's certificate, then any
    /// intermediate certificates (as Let's Encrypt's `fullchain.pem` does).
    public static func server(certificateFile: String, keyFile: String) throws(TLSError) -> TLSContext {
        if let reason = unreadable(certificateFile) { throw .certificate(path: certificateFile, reason: reason) }
        if let reason = unreadable(keyFile) { throw .privateKey(path: keyFile, reason: reason) }
        let context = try TLSContext(method: TLS_server_method())
        ErrorQueue.clear()
        guard SSL_CTX_use_certificate_chain_file(context.pointer, certificateFile) == 1 else {
            throw .certificate(path: certificateFile, reason: "not a PEM certificate chain (\(ErrorQueue.take()))")
        }
        if let reason = validityProblem(SSL_CTX_get0_certificate(context.pointer)) {
            throw .certificate(path: certificateFile, reason: reason)
        }
        guard SSL_CTX_use_PrivateKey_file(context.pointer, keyFile, SSL_FILETYPE_PEM) == 1,
              SSL_CTX_check_private_key(context.pointer) == 1
        else {
            let reason = ErrorQueue.take()
            let mismatch = reason.contains("mismatch") || reason.contains("no certificate assigned")
            throw .privateKey(path: keyFile, reason: mismatch
                ? "does not match the certificate in \(certificateFile) (\(reason))"
                : "not a PEM private key (\(reason))")
        }
        copenssl_serve_http11(context.pointer)
        // Tickets (stateless) resume sessions; a server-side cache would
        // only hold memory, unbounded by anything a client cares about.
        copenssl_disable_session_cache(context.pointer)
        return context
    }

    /// Why `path` cannot be read (errno's words), or nil.
    static func unreadable(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return "cannot read: \(String(cString: strerror(errno)))" }
        var status = stat()
        defer { close(fd) }
        guard fstat(fd, &status) == 0, status.st_mode & S_IFMT != S_IFDIR else { return "cannot read: is a directory" }
        return nil
    }

    /// An expired certificate, or one not valid yet, would be refused by
    /// every client: say so at start (or reload) instead.
    private static func validityProblem(_ certificate: OpaquePointer?) -> String? {
        guard let certificate else { return "no certificate in the file" }
        if let notAfter = X509_get0_notAfter(certificate), X509_cmp_current_time(notAfter) < 0 {
            return "the certificate expired on \(format(notAfter))"
        }
        if let notBefore = X509_get0_notBefore(certificate), X509_cmp_current_time(notBefore) > 0 {
            return "the certificate is not valid before \(format(notBefore))"
        }
        return nil
    }

    /// `2026-12-01 19:02:21 UTC`.
    private static func format(_ time: UnsafePointer<ASN1_TIME>) -> String {
        var parts = tm()
        guard ASN1_TIME_to_tm(time, &parts) == 1 else { return "an unreadable date" }
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday)) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) UTC"
    }
}
