import Glibc
import SystemKit

/// Waiting for the child, signalling it, and collecting its exit status.
extension ChildProcess {
    /// True once the child has exited, waiting at most `timeout` seconds.
    /// It is left unreaped (`WNOWAIT`), so that its pid, and the id of the
    /// group it leads, cannot be taken by another process until `reap`.
    public func hasExited(within timeout: Double = 0) -> Bool {
        guard exitStatus == nil else { return true }
        let deadline = MonotonicClock.seconds() + timeout
        while true {
            var info = siginfo_t()
            let result = waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT)
            if result < 0 || info._sifields._sigchld.si_pid == pid { return true }
            if MonotonicClock.seconds() >= deadline { return false }
            MonotonicClock.sleep(0.01)
        }
    }

    /// The exit status if the child has exited (then reaped), nil while it runs.
    public func exitStatusIfExited() -> Int32? {
        guard exitStatus == nil else { return exitStatus }
        var status: Int32 = 0
        guard waitpid(pid, &status, WNOHANG) == pid else { return nil }
        exitStatus = Self.decode(status)
        return exitStatus
    }

    /// Waits for the child to exit and collects its status.
    @discardableResult
    public func reap() -> Int32 {
        if let exitStatus { return exitStatus }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        let decoded = Self.decode(status)
        exitStatus = decoded
        return decoded
    }

    /// Sends `signal` to the child (to its whole group with `group`); nothing once reaped.
    public func signal(_ signal: Int32, group: Bool = false) {
        guard exitStatus == nil else { return }
        Glibc.kill(group ? -pid : pid, signal)
    }

    /// SIGKILL (to the group the child leads, if it does), then reaps it.
    public func kill() {
        guard exitStatus == nil else { return }
        signal(SIGKILL, group: leadsGroup)
        reap()
    }

    /// SIGTERM, then SIGKILL when the child has not exited within `timeout`; its status.
    @discardableResult
    public func stop(timeout: Double = 10) -> Int32 {
        signal(SIGTERM)
        if !hasExited(within: timeout) { kill() }
        return reap()
    }

    /// WEXITSTATUS, or 128 + WTERMSIG as a shell reports it (both C macros).
    private static func decode(_ status: Int32) -> Int32 {
        (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }
}
