import Glibc

/// Whole writes to a file descriptor (stdout, stderr, the terminal).
enum FileOutput {
    /// Writes every byte, retrying short and interrupted writes; false when
    /// the descriptor is gone (a closed pipe, a hung-up terminal).
    @discardableResult
    static func write(_ bytes: [UInt8], to fd: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if written > 0 {
                offset += written
            } else if written < 0, errno == EINTR {
                continue
            } else if written < 0, errno == EAGAIN {
                var entry = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                _ = poll(&entry, 1, 1000)
            } else {
                return false
            }
        }
        return true
    }

    static func write(_ text: String, to fd: Int32) {
        write(Array(text.utf8), to: fd)
    }

    /// `ws-client: message` on stderr. Messages carry text from the wire
    /// (close reasons, an HTTP reason phrase), so on a terminal they are
    /// neutralised like everything else printed there.
    static func complain(_ message: String) {
        let shown = Terminal.isTerminal(STDERR_FILENO) ? SafeText.neutralised(message) : message
        write("ws-client: \(shown)\n", to: STDERR_FILENO)
    }
}
