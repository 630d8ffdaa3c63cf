import Glibc
import SystemKit

/// Starting and reaping a child process with `posix_spawn`, for Chromium and node.
enum ChildProcess {
    /// Starts `path` in a new process group with stdin from /dev/null and
    /// stdout and stderr appended to `log`.
    static func spawn(_ path: String, _ arguments: [String], log: String) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Default handling for SIGPIPE (the server under test ignores it, and
        // a child would inherit that) and no blocked signals.
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        posix_spawnattr_setpgroup(&attributes, 0)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, path, &actions, &attributes, argv, environ)
        guard result == 0 else { throw BrowserTestError("cannot start \(path): \(String(cString: strerror(result)))") }
        return pid
    }

    /// True once `pid` has exited within `timeout` seconds. It is left a
    /// zombie (`WNOWAIT`), so its pid stays reserved until `reap`.
    static func waitForExit(_ pid: pid_t, timeout: Double) -> Bool {
        let deadline = MonotonicClock.seconds() + timeout
        while true {
            var info = siginfo_t()
            let result = waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT)
            if result < 0 || info._sifields._sigchld.si_pid == pid { return true }
            if MonotonicClock.seconds() >= deadline { return false }
            MonotonicClock.sleep(0.02)
        }
    }

    /// Collects an exited child's status (blocking if it has not exited):
    /// its exit code, or nil when a signal ended it.
    @discardableResult
    static func reap(_ pid: pid_t) -> Int32? {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        // WIFEXITED and WEXITSTATUS, which are C macros.
        return status & 0x7F == 0 ? (status >> 8) & 0xFF : nil
    }

    static func findOnPath(_ name: String) -> String? {
        let path = getenv("PATH").map { String(cString: $0) } ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { access($0, X_OK) == 0 }
    }
}
