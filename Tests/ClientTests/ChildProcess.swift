import CPseudoTerminal
import Glibc

/// ws-client started with `posix_spawn`, its standard streams either the
/// given descriptors or a terminal it opens in a session of its own. Every
/// descriptor the tests open is close-on-exec, so a child started by a test
/// running in parallel never holds another test's pipes open.
enum ChildProcess {
    /// Where the child's stdin, stdout and stderr come from.
    enum Streams {
        /// Each duplicated onto 0, 1 and 2.
        case descriptors(input: Int32, output: Int32, error: Int32)
        /// Opened after `setsid`, so it becomes the controlling terminal.
        case terminal(path: String)
    }

    static func spawn(_ arguments: [String], streams: Streams, environment: [String]) throws(ChildProcessError) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var flags = Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)
        switch streams {
        case .descriptors(let input, let output, let error):
            posix_spawn_file_actions_adddup2(&actions, input, 0)
            posix_spawn_file_actions_adddup2(&actions, output, 1)
            posix_spawn_file_actions_adddup2(&actions, error, 2)
        case .terminal(let path):
            flags |= cpty_spawn_setsid
            posix_spawn_file_actions_addopen(&actions, 0, path, O_RDWR, 0)
            posix_spawn_file_actions_adddup2(&actions, 0, 1)
            posix_spawn_file_actions_adddup2(&actions, 0, 2)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The test runner may block signals (the server does); the child starts clean.
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, flags)
        let path = ClientBinary.path
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        guard result == 0 else { throw .spawn(result) }
        return pid
    }

    /// A close-on-exec pipe: (read end, write end).
    static func pipe() throws(ChildProcessError) -> (Int32, Int32) {
        var ends: [Int32] = [-1, -1]
        guard pipe2(&ends, O_CLOEXEC) == 0 else { throw .pipe(errno) }
        return (ends[0], ends[1])
    }

    /// The exit status (128 + signal when killed) if `pid` has exited; nil while it runs.
    static func exitStatus(_ pid: pid_t) -> Int32? {
        var status: Int32 = 0
        guard waitpid(pid, &status, WNOHANG) == pid else { return nil }
        return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }

    /// Ends a child that outlived its test.
    static func kill(_ pid: pid_t) {
        Glibc.kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
    }
}

/// A child process could not be set up.
enum ChildProcessError: Error {
    case open(Int32)
    case pipe(Int32)
    case spawn(Int32)
}
