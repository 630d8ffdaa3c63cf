import ChatWire
import Glibc
import SystemKit
import WSClient
import WSProtocol

/// `ws-client` on a terminal: a prompt line with editing and history, the
/// chat scrolling above it, and reconnection with resume when the link
/// drops. One `poll` loop waits on the keyboard, the socket and the signal
/// pipe; `ChatSession` decides what everything means, this class only
/// moves bytes and keeps time.
final class InteractiveMode {
    /// Where the connection stands.
    enum Link {
        case connected(WebSocketClient)
        /// Disconnected; the next attempt is due at this monotonic time.
        case waiting(until: Double)
        /// We sent our close frame and wait for the server's until the deadline.
        case closing(WebSocketClient, deadline: Double)
    }

    static let connectTimeout = 5.0
    static let closeTimeout = 2.0

    let target: ChatTarget
    let view: ChatView
    var session: ChatSession
    var link: Link
    var editor = LineEditor()
    private var keys = KeyDecoder()
    private var screen = ScreenWriter(fd: STDOUT_FILENO, columns: Terminal.columns(STDOUT_FILENO))
    var policy = ReconnectPolicy()
    /// When the current connection opened (monotonic), for the backoff.
    var connectedAt: Double?
    private let signals = SignalPipe([SIGINT, SIGTERM, SIGHUP, SIGWINCH])
    /// Requests to send at a monotonic time (joins the server could not do
    /// yet), by `ref`: one per room at most.
    var scheduled: [String: (due: Double, request: ChatRequest)] = [:]
    /// Lines to print above the prompt at the end of this loop pass.
    var shown: [String] = []
    var promptChanged = false
    var exitStatus: Int32?

    private init(target: ChatTarget, client: WebSocketClient, color: Bool) {
        self.target = target
        view = ChatView(style: TextStyle(enabled: color))
        session = ChatSession(url: target.base.description, rooms: target.rooms)
        link = .waiting(until: 0)
        adopt(client)
    }

    /// Connects (a first failure ends here, with status 1), then runs the
    /// chat until the user quits or the server ends it for good.
    static func run(_ options: ClientOptions, color: Bool) -> Int32 {
        var target = ChatTarget(options)
        if target.rooms.isEmpty { target.rooms = ["lobby"] }
        let client: WebSocketClient
        do {
            client = try connect(target, name: target.name)
        } catch {
            let why = Disconnection(error, withToken: target.token != nil)
            FileOutput.complain(why.finalReason ?? "\(target.base): \(error)")
            return 1
        }
        // Built first: its signal pipe must be in place before raw mode, so a
        // SIGTERM never finds the terminal raw with nobody to restore it.
        let mode = InteractiveMode(target: target, client: client, color: color)
        guard Terminal.enterRawMode(STDIN_FILENO) else {
            FileOutput.complain("cannot put the terminal in raw mode; try --json")
            return 1
        }
        defer { Terminal.restore() }
        return mode.loop()
    }

    private func loop() -> Int32 {
        promptChanged = true
        refreshScreen()
        while exitStatus == nil {
            waitAndDispatch()
            refreshScreen()
        }
        screen.finish()
        return exitStatus ?? 0
    }

    // MARK: Waiting

    private func waitAndDispatch() {
        var fds = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: signals.readFD, events: Int16(POLLIN), revents: 0)]
        if let client { fds.append(pollfd(fd: client.fd, events: socketEvents(client), revents: 0)) }
        _ = poll(&fds, nfds_t(fds.count), waitMillis)
        if fds[1].revents != 0 { handleSignals() }
        if fds[0].revents != 0 { readKeyboard() }
        if fds.count > 2, fds[2].revents != 0 { serviceSocket(fds[2].revents) }
        checkDeadlines()
    }

    var client: WebSocketClient? {
        switch link {
        case .connected(let client), .closing(let client, _): client
        case .waiting: nil
        }
    }

    private func socketEvents(_ client: WebSocketClient) -> Int16 {
        Int16(POLLIN) | (client.pendingOutputCount > 0 ? Int16(POLLOUT) : 0)
    }

    /// Until the next deadline: a reconnect, the end of a close, or a scheduled request.
    private var waitMillis: Int32 {
        let deadline: Double?
        switch link {
        case .connected: deadline = scheduled.values.map(\.due).min()
        case .waiting(let until): deadline = until
        case .closing(_, let until): deadline = until
        }
        guard let deadline else { return -1 }
        return Int32(min(60_000, max(0, (deadline - MonotonicClock.seconds()) * 1000)).rounded(.up))
    }

    private func checkDeadlines() {
        switch link {
        case .connected: sendScheduled(dueBy: MonotonicClock.seconds())
        case .waiting(let until): if MonotonicClock.seconds() >= until { reconnect() }
        case .closing(_, let deadline): if MonotonicClock.seconds() >= deadline { exitStatus = 0 }
        }
    }

    private func handleSignals() {
        for number in signals.drain() {
            if number == SIGWINCH {
                screen.columns = Terminal.columns(STDOUT_FILENO)
                promptChanged = true
            } else {
                quit()
            }
        }
    }

    // MARK: Keyboard

    private func readKeyboard() {
        var bytes = [UInt8](repeating: 0, count: 4096)
        let count = read(STDIN_FILENO, &bytes, bytes.count)
        guard count != 0 else { return quit() }
        guard count > 0 else { return }
        for key in keys.keys(from: bytes[..<count]) where exitStatus == nil {
            handle(editor.handle(key))
        }
    }

    private func handle(_ action: LineEditor.Action) {
        promptChanged = true
        switch action {
        case .edited, .redraw: break
        case .submit(let line): apply(session.perform(Command(line: line)), typed: line)
        case .interrupt, .endOfInput: quit()
        }
    }

    // MARK: Screen

    func refreshScreen() {
        if !shown.isEmpty {
            screen.show(shown, prompt: session.prompt, editor: editor)
        } else if promptChanged {
            screen.redraw(prompt: session.prompt, editor: editor)
        }
        shown = []
        promptChanged = false
    }
}
