import CEpoll
import Glibc

/// The socket calls the loop makes, with errno turned into outcomes and
/// EINTR retried, so callers never juggle errno themselves.
enum Socket {
    /// What a read or write achieved.
    enum Outcome: Equatable {
        /// This many bytes moved (never 0 for a read: that is `endOfStream`).
        case transferred(Int)
        /// The kernel has nothing (read) or no room (write) right now.
        case wouldBlock
        /// The peer closed its side (read returned 0).
        case endOfStream
        /// A hard error: the connection is gone (ECONNRESET, EPIPE, ...).
        case failed(Int32)
    }

    static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) -> Outcome {
        while true {
            let count = Glibc.read(fd, buffer.baseAddress, buffer.count)
            if count > 0 { return .transferred(count) }
            if count == 0 { return .endOfStream }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return .wouldBlock
            default: return .failed(errno)
            }
        }
    }

    /// Writes with MSG_NOSIGNAL, so a vanished peer is an error, not a SIGPIPE.
    static func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Outcome {
        while true {
            let count = Glibc.send(fd, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL))
            if count >= 0 { return .transferred(count) }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return .wouldBlock
            default: return .failed(errno)
            }
        }
    }

    /// Small frames go out at once: chat latency matters more than packet count.
    static func setNoDelay(_ fd: Int32) {
        var one: Int32 = 1
        _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    }

    /// Sends FIN after what is queued, so the peer reads everything before EOF.
    static func shutdownWrite(_ fd: Int32) {
        _ = Glibc.shutdown(fd, Int32(SHUT_WR))
    }

    static func close(_ fd: Int32) {
        _ = Glibc.close(fd)
    }

    /// Bytes the peer sent that we have not read yet.
    static func unreadByteCount(_ fd: Int32) -> Int {
        Int(cepoll_unread_bytes(fd))
    }

    /// The message for an errno value, for logs.
    static func describe(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
