import CPseudoTerminal
import Glibc
import Testing

/// Runs ws-client on a pseudo-terminal, as a user's shell would: its own
/// session with the terminal as controlling tty, a fixed window size. The
/// test types bytes into the master side and reads the screen back through
/// a `VirtualScreen`; every wait is bounded.
final class PseudoTerminal {
    let pid: pid_t
    private let master: Int32
    private(set) var screen: VirtualScreen
    private var exitStatus: Int32?

    init(arguments: [String], rows: Int = 24, columns: Int = 80, environment: [String] = []) throws {
        master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard master >= 0, grantpt(master) == 0, unlockpt(master) == 0 else { throw PseudoTerminalError.open(errno) }
        var name = [CChar](repeating: 0, count: 128)
        guard ptsname_r(master, &name, name.count) == 0 else { throw PseudoTerminalError.open(errno) }
        var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
        screen = VirtualScreen(rows: rows, columns: columns)
        let terminal = String(decoding: name.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        pid = try Self.spawn(ClientBinary.path, arguments, terminal: terminal,
                             environment: ["TERM=xterm", "NO_COLOR=1"] + environment)
    }

    deinit {
        if exitStatus == nil {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        close(master)
    }

    private static func spawn(_ path: String, _ arguments: [String], terminal: String, environment: [String]) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // Opened after setsid, so it becomes the child's controlling terminal.
        posix_spawn_file_actions_addopen(&actions, 0, terminal, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The test runner may block signals (the server does); the child starts clean.
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigfillset(&defaults)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF) | cpty_spawn_setsid)
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        guard result == 0 else { throw PseudoTerminalError.spawn(result) }
        return pid
    }

    /// Types `text` as if on the keyboard.
    func type(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// Reads the terminal until `condition` holds on the screen or `timeout`
    /// passes; records an issue with the screen when it never held.
    @discardableResult
    func waitFor(
        _ what: String, timeout: Double = 5, sourceLocation: SourceLocation = #_sourceLocation,
        _ condition: (VirtualScreen) -> Bool
    ) -> Bool {
        let deadline = Self.now + timeout
        while !condition(screen) {
            let left = deadline - Self.now
            guard left > 0, readOnce(timeout: left) else {
                Issue.record("timed out waiting for \(what); screen:\n\(screen.text)", sourceLocation: sourceLocation)
                return false
            }
        }
        return true
    }

    /// Waits for a row containing `text`.
    @discardableResult
    func waitFor(text: String, timeout: Double = 5, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        waitFor("'\(text)'", timeout: timeout, sourceLocation: sourceLocation) { $0.text.contains(text) }
    }

    /// One read into the screen; false on timeout or when the child side closed.
    private func readOnce(timeout: Double) -> Bool {
        var entry = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        guard poll(&entry, 1, Int32(timeout * 1000)) > 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = read(master, &buffer, buffer.count)
        guard count > 0 else { return false }
        screen.feed(buffer[..<count])
        return true
    }

    /// The exit status once the child exits within `timeout`, draining its output meanwhile.
    func waitForExit(timeout: Double = 5) -> Int32? {
        let deadline = Self.now + timeout
        while exitStatus == nil, Self.now < deadline {
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
                break
            }
            _ = readOnce(timeout: 0.05)
        }
        return exitStatus
    }

    /// The terminal's current local modes (the child's settings, seen from the master).
    var localModes: tcflag_t {
        var settings = termios()
        tcgetattr(master, &settings)
        return settings.c_lflag
    }

    static var now: Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}

/// A pseudo-terminal could not be set up.
enum PseudoTerminalError: Error {
    case open(Int32)
    case spawn(Int32)
}
