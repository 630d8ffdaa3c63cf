import Glibc

/// Signals as readable bytes (the self-pipe trick), so the one `poll` loop
/// sees a resize or a termination request as just another ready fd and
/// no signal can slip in between a check and the wait.
final class SignalPipe {
    let readFD: Int32

    /// Routes `signals` into the pipe, unblocking them in case the parent
    /// left them blocked (a blocked SIGTERM would never reach us).
    init(_ signals: [Int32]) {
        var ends: [Int32] = [-1, -1]
        _ = pipe(&ends)
        for end in ends {
            _ = fcntl(end, F_SETFL, O_NONBLOCK)
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        }
        readFD = ends[0]
        signalPipeWriteFD = ends[1]
        var mask = sigset_t()
        sigemptyset(&mask)
        for number in signals {
            sigaddset(&mask, number)
            Glibc.signal(number) { number in
                let savedErrno = errno
                var byte = UInt8(truncatingIfNeeded: number)
                _ = write(signalPipeWriteFD, &byte, 1)
                errno = savedErrno
            }
        }
        pthread_sigmask(SIG_UNBLOCK, &mask, nil)
    }

    /// The signals delivered since the last call.
    func drain() -> [Int32] {
        var bytes = [UInt8](repeating: 0, count: 64)
        var delivered: [Int32] = []
        while true {
            let count = read(readFD, &bytes, bytes.count)
            guard count > 0 else { return delivered }
            delivered += bytes[..<count].map { Int32($0) }
        }
    }
}

/// Written once before the handlers are installed; read by them.
nonisolated(unsafe) private var signalPipeWriteFD: Int32 = -1
