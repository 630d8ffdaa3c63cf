import CPseudoTerminal
import Glibc

/// A program a test runs, started with `posix_spawnp`: its standard streams
/// set up as the test asks, every signal at its default and none blocked
/// (the test runner, like the server, may ignore SIGPIPE or block signals),
/// and optionally in a process group of its own, so that the helpers it
/// starts end with it. Only this child's pid (or its group) is signalled,
/// and never once it is reaped; a child the test left running is killed
/// and reaped when the object goes.
public final class ChildProcess {
    /// Where one of the child's standard streams comes from or goes.
    public enum Stream: Sendable {
        /// `/dev/null`.
        case null
        /// A file: read for stdin; for output created (mode 0600) if
        /// missing, and emptied first unless `append`.
        case file(String, append: Bool = false)
        /// A descriptor duplicated onto the stream: one of the test's, or a
        /// stream of the child set up before it (`2>&1` is `.descriptor(1)`).
        case descriptor(Int32)
        /// A terminal, opened read-write in a new session so that it becomes
        /// the child's controlling terminal (stdin; then stdout `.descriptor(0)`).
        case terminal(String)
    }

    public let pid: pid_t
    /// Whether the child leads a process group of its own, which `kill` ends whole.
    public let leadsGroup: Bool
    /// The exit code, or 128 + the signal that ended it, once reaped.
    public internal(set) var exitStatus: Int32?

    /// Starts `program` (looked up on PATH without a `/`) with `arguments`
    /// after its name, and `environment` (`NAME=value` each; nil: the test
    /// runner's own).
    public init(
        _ program: String, _ arguments: [String], stdin: Stream = .null, stdout: Stream = .null,
        stderr: Stream = .descriptor(1), environment: [String]? = nil, leadsGroup: Bool = false
    ) throws(ChildProcessError) {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var flags = Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)
        for (fd, stream) in [stdin, stdout, stderr].enumerated() {
            if case .terminal = stream { flags |= cpty_spawn_setsid }
            Self.add(stream, as: Int32(fd), to: &actions)
        }
        if leadsGroup { flags |= Int16(POSIX_SPAWN_SETPGROUP) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, flags)
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { $0.map { strdup($0) } + [nil] }
        defer { (argv + (envp ?? [])).forEach { free($0) } }
        var pid: pid_t = 0
        let result = if let envp {
            posix_spawnp(&pid, program, &actions, &attributes, argv, envp)
        } else {
            posix_spawnp(&pid, program, &actions, &attributes, argv, environ)
        }
        guard result == 0 else { throw ChildProcessError("cannot start \(program): \(String(cString: strerror(result)))") }
        self.pid = pid
        self.leadsGroup = leadsGroup
    }

    deinit { kill() }

    private static func add(_ stream: Stream, as fd: Int32, to actions: inout posix_spawn_file_actions_t) {
        let direction = fd == 0 ? O_RDONLY : O_WRONLY
        switch stream {
        case .null: posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", direction, 0)
        case .file(let path, let append):
            let creation = fd == 0 ? 0 : O_CREAT | (append ? O_APPEND : O_TRUNC)
            posix_spawn_file_actions_addopen(&actions, fd, path, direction | creation, 0o600)
        case .descriptor(let source): posix_spawn_file_actions_adddup2(&actions, source, fd)
        case .terminal(let path): posix_spawn_file_actions_addopen(&actions, fd, path, O_RDWR, 0)
        }
    }

    /// A close-on-exec pipe, (read end, write end): a child started by a test
    /// running in parallel never holds another test's pipe open.
    public static func pipe() throws(ChildProcessError) -> (Int32, Int32) {
        var ends: [Int32] = [-1, -1]
        guard pipe2(&ends, O_CLOEXEC) == 0 else { throw ChildProcessError("pipe2: \(String(cString: strerror(errno)))") }
        return (ends[0], ends[1])
    }

    /// `name` in a directory of PATH, executable; nil when there is none.
    public static func findOnPath(_ name: String) -> String? {
        let path = getenv("PATH").map { String(cString: $0) } ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { access($0, X_OK) == 0 }
    }
}

/// A child process could not be started or set up.
public struct ChildProcessError: Error, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
