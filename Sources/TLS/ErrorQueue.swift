import COpenSSL

/// OpenSSL's per-thread error queue, read as text. It must be empty before
/// each TLS operation, or `SSL_get_error` may blame an older failure.
enum ErrorQueue {
    static func clear() {
        ERR_clear_error()
    }

    /// The reasons queued, most recent last (`no start line`, `wrong
    /// version number`, ...), and an empty queue afterwards.
    static func take() -> String {
        var reasons: [String] = []
        while case let code = ERR_get_error(), code != 0 {
            if let reason = ERR_reason_error_string(code) {
                reasons.append(String(cString: reason))
            } else {
                reasons.append("error \(code)")
            }
        }
        return reasons.isEmpty ? "no reason given" : reasons.joined(separator: ": ")
    }

    /// The reason code of the most recent error, without removing it.
    static var lastReason: Int32 {
        ERR_GET_REASON(ERR_peek_last_error())
    }
}
