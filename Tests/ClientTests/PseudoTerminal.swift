import CPseudoTerminal
import Glibc
import SystemKit
import TestSupport
import Testing

/// Runs ws-client on a pseudo-terminal, as a user's shell would: its own
/// session with the terminal as controlling tty, a fixed window size. The
/// test types bytes into the master side and reads the screen back through
/// a `VirtualScreen`; every wait is bounded.
final class PseudoTerminal {
    let child: ChildProcess
    private let master: Int32
    private(set) var screen: VirtualScreen
    private var exitStatus: Int32?

    init(arguments: [String], rows: Int = 24, columns: Int = 80, environment: [String] = []) throws {
        master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard master >= 0, grantpt(master) == 0, unlockpt(master) == 0 else { throw Self.failure("posix_openpt") }
        var name = [CChar](repeating: 0, count: 128)
        guard ptsname_r(master, &name, name.count) == 0 else { throw Self.failure("ptsname_r") }
        var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
        screen = VirtualScreen(rows: rows, columns: columns)
        let terminal = String(decoding: name.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        child = try ChildProcess(
            ClientBinary.path, arguments, stdin: .terminal(terminal), stdout: .descriptor(0), stderr: .descriptor(0),
            environment: ["TERM=xterm", "NO_COLOR=1"] + environment)
    }

    deinit {
        child.kill()
        close(master)
    }

    private static func failure(_ call: String) -> ChildProcessError {
        ChildProcessError("\(call): \(String(cString: strerror(errno)))")
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
        let deadline = MonotonicClock.seconds() + timeout
        while !condition(screen) {
            let left = deadline - MonotonicClock.seconds()
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
        let deadline = MonotonicClock.seconds() + timeout
        while exitStatus == nil, MonotonicClock.seconds() < deadline {
            exitStatus = child.exitStatusIfExited()
            if exitStatus == nil { _ = readOnce(timeout: 0.05) }
        }
        return exitStatus
    }

    /// The terminal's current local modes (the child's settings, seen from the master).
    var localModes: tcflag_t {
        var settings = termios()
        tcgetattr(master, &settings)
        return settings.c_lflag
    }
}
