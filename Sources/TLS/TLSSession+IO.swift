import COpenSSL

/// Plaintext in and out once the handshake is done.
extension TLSSession {
    /// Decrypts into `buffer` until it is full, OpenSSL holds nothing more,
    /// or OpenSSL needs the socket again: the counterpart of one `read(2)`.
    /// With read-ahead each read of the socket takes as much as OpenSSL's
    /// buffer holds, so a burst of small records costs one system call.
    public func read(into buffer: UnsafeMutableRawBufferPointer) -> Outcome {
        guard !hasFailed, let base = buffer.baseAddress else { return .failed(TLSFailure(.connectionEnded, "the session failed")) }
        readNeedsWritable = false
        hasBufferedInput = false
        ErrorQueue.clear()
        var filled = 0
        while filled < buffer.count {
            var count = 0
            if SSL_read_ex(ssl, base + filled, buffer.count - filled, &count) == 1 {
                filled += count
                // Nothing left inside OpenSSL: more input, if any, is in the
                // socket, where readiness will report it.
                if SSL_has_pending(ssl) == 0 { break }
                continue
            }
            switch SSL_get_error(ssl, 0) {
            case SSL_ERROR_WANT_READ:
                return filled > 0 ? .transferred(filled) : .wouldBlock
            case SSL_ERROR_WANT_WRITE:
                readNeedsWritable = true
                return filled > 0 ? .transferred(filled) : .wouldBlock
            case SSL_ERROR_ZERO_RETURN:
                // Repeats on the next call, after the bytes before it are used.
                return filled > 0 ? .transferred(filled) : .endOfStream
            case let code:
                let failure = fail(code)
                return filled > 0 ? .transferred(filled) : .failed(failure)
            }
        }
        hasBufferedInput = filled == buffer.count && SSL_has_pending(ssl) == 1
        return .transferred(filled)
    }

    /// Encrypts and sends `bytes` record by record until all are sent or
    /// the socket is full. After `.wouldBlock`, or a count short of
    /// `bytes.count`, the next call must start with the bytes not yet
    /// counted as sent: OpenSSL finishes the record it began with them.
    public func write(_ bytes: UnsafeRawBufferPointer) -> Outcome {
        guard !hasFailed, let base = bytes.baseAddress else {
            return bytes.isEmpty ? .transferred(0) : .failed(TLSFailure(.connectionEnded, "the session failed"))
        }
        ErrorQueue.clear()
        var written = 0
        while written < bytes.count {
            var count = 0
            if SSL_write_ex(ssl, base + written, bytes.count - written, &count) == 1 {
                written += count
                continue
            }
            let code = SSL_get_error(ssl, 0)
            if code == SSL_ERROR_WANT_WRITE { return written > 0 ? .transferred(written) : .wouldBlock }
            // SSL_ERROR_WANT_READ cannot happen: with renegotiation refused,
            // TLS 1.2 and 1.3 never make a write wait for a read. Were it
            // to, failing is safer than a wait nothing would end.
            let failure = code == SSL_ERROR_WANT_READ ? TLSFailure(.protocolError, "a write waited for a read") : fail(code)
            hasFailed = true
            return written > 0 ? .transferred(written) : .failed(failure)
        }
        return .transferred(written)
    }
}
