import CEpoll
import Glibc

/// SIGINT, SIGTERM and SIGHUP delivered through a signalfd on loop 0, so a
/// signal never interrupts the server mid-operation. The first SIGINT or
/// SIGTERM asks for a graceful shutdown; a second one, while draining,
/// exits at once. SIGHUP reloads the TLS certificate; without TLS it is
/// still caught (and logged), since its default action would end the
/// process, and `systemctl reload` sends it whatever the flags.
final class SignalSource {
    let fd: Int32
    private let onSignal: (Int32) -> Void

    /// Blocks the signals in the calling thread (and every thread it starts
    /// later): call before the loop threads are created.
    init(onSignal: @escaping (Int32) -> Void) throws(ServerError) {
        var mask = sigset_t()
        guard cepoll_block_signals(&mask) == 0 else { throw .system("pthread_sigmask", errno) }
        fd = signalfd(-1, &mask, Int32(SFD_NONBLOCK | SFD_CLOEXEC))
        guard fd >= 0 else { throw .system("signalfd", errno) }
        self.onSignal = onSignal
    }

    deinit { Glibc.close(fd) }

    func handle(on loop: EventLoop) {
        var info = signalfd_siginfo()
        while Glibc.read(fd, &info, MemoryLayout<signalfd_siginfo>.size) == MemoryLayout<signalfd_siginfo>.size {
            onSignal(Int32(info.ssi_signo))
        }
    }
}
