import Glibc

/// The terminal's raw mode, entered once and restored on every way out:
/// a normal return, `exit` (through `atexit`), and every signal whose
/// default is to end the process (a handler restores, then lets the signal
/// do what it would have done): crashes (a trap in Swift is SIGILL or
/// SIGTRAP), SIGQUIT, and the rarer ones (SIGUSR1, SIGALRM, SIGPIPE, ...).
/// SIGINT, SIGTERM and SIGHUP are not among them: interactive mode takes
/// those through its `SignalPipe` and quits cleanly. SIGKILL cannot be caught.
///
/// Raw here means: no echo, no line buffering, no signals from Ctrl-C or
/// Ctrl-Z (they arrive as bytes), no CR/LF translation on input, no flow
/// control. Output processing stays on, so a stray `\n` from anywhere
/// still returns to the first column.
enum Terminal {
    static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    /// Columns of the terminal on `fd`, or 80 when it does not say.
    static func columns(_ fd: Int32) -> Int {
        var size = winsize()
        guard ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }

    /// Switches `fd` to raw mode; false if it is not a terminal.
    static func enterRawMode(_ fd: Int32) -> Bool {
        var settings = termios()
        guard tcgetattr(fd, &settings) == 0 else { return false }
        savedSettings = settings
        rawModeFD = fd
        installRestoreHooks()
        settings.c_lflag &= ~tcflag_t(ECHO | ICANON | ISIG | IEXTEN)
        settings.c_iflag &= ~tcflag_t(IXON | ICRNL | INLCR | BRKINT | INPCK | ISTRIP)
        settings.c_cflag |= tcflag_t(CS8)
        withUnsafeMutableBytes(of: &settings.c_cc) { controls in
            controls[Int(VMIN)] = 1
            controls[Int(VTIME)] = 0
        }
        // TCSANOW, not TCSAFLUSH: keys typed while connecting are kept.
        return tcsetattr(fd, TCSANOW, &settings) == 0
    }

    /// Puts the saved settings back; safe to call again and from a signal handler.
    static func restore() {
        restoreSavedSettings()
    }

    /// The signals that end the process by default, but for the three
    /// interactive mode handles and SIGKILL.
    static let fatalSignals = [
        SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT, SIGQUIT, SIGSYS, SIGXCPU, SIGXFSZ,
        SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGPIPE, SIGIO, SIGPWR, SIGSTKFLT,
    ]

    private static func installRestoreHooks() {
        guard !hooksInstalled else { return }
        hooksInstalled = true
        atexit { restoreSavedSettings() }
        for signal in fatalSignals {
            Glibc.signal(signal) { number in
                restoreSavedSettings()
                Glibc.signal(number, SIG_DFL)
                raise(number)
            }
        }
    }
}

// Plain globals, because a signal handler cannot capture context. They are
// written once before any handler is installed and only read afterwards.
nonisolated(unsafe) private var savedSettings = termios()
nonisolated(unsafe) private var rawModeFD: Int32 = -1
nonisolated(unsafe) private var hooksInstalled = false

/// Async-signal-safe: one `tcsetattr`, no allocation.
private func restoreSavedSettings() {
    guard rawModeFD >= 0 else { return }
    _ = tcsetattr(rawModeFD, TCSANOW, &savedSettings)
}
