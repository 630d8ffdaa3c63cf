import ChatWire
import Glibc
import WSClient
import WSProtocol

/// `ws-client` on a terminal: a prompt line with editing and history, the
/// chat scrolling above it, and reconnection with resume when the link
/// drops. One `poll` loop waits on the keyboard, the socket and the signal
/// pipe; `ChatSession` decides what everything means, this class only
/// moves bytes and keeps time.
final class InteractiveMode {
    /// Where the connection stands.
    private enum Link {
        case connected(WebSocketClient)
        /// Disconnected; the next attempt is due at this monotonic time.
        case waiting(until: Double)
        /// We sent our close frame and wait for the server's until the deadline.
        case closing(WebSocketClient, deadline: Double)
    }

    private static let connectTimeout = 5.0
    private static let closeTimeout = 2.0

    private let target: ChatTarget
    private let view: ChatView
    private var session: ChatSession
    private var link: Link
    private var editor = LineEditor()
    private var keys = KeyDecoder()
    private var screen = ScreenWriter(fd: STDOUT_FILENO, columns: Terminal.columns(STDOUT_FILENO))
    private var policy = ReconnectPolicy()
    private let signals = SignalPipe([SIGINT, SIGTERM, SIGHUP, SIGWINCH])
    /// Lines to print above the prompt at the end of this loop pass.
    private var shown: [String] = []
    private var promptChanged = false
    private var exitStatus: Int32?

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
            client = try WebSocketClient.connect(to: target.url(name: target.name), timeout: connectTimeout)
        } catch {
            FileOutput.complain("\(target.base): \(error)")
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

    private var client: WebSocketClient? {
        switch link {
        case .connected(let client), .closing(let client, _): client
        case .waiting: nil
        }
    }

    private func socketEvents(_ client: WebSocketClient) -> Int16 {
        Int16(POLLIN) | (client.pendingOutputCount > 0 ? Int16(POLLOUT) : 0)
    }

    private var waitMillis: Int32 {
        let deadline: Double
        switch link {
        case .connected: return -1
        case .waiting(let until): deadline = until
        case .closing(_, let until): deadline = until
        }
        return Int32(max(0, (deadline - Clock.now()) * 1000).rounded(.up))
    }

    private func checkDeadlines() {
        switch link {
        case .connected: break
        case .waiting(let until): if Clock.now() >= until { reconnect() }
        case .closing(_, let deadline): if Clock.now() >= deadline { exitStatus = 0 }
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

    // MARK: Socket

    private func serviceSocket(_ events: Int16) {
        guard let client else { return }
        do {
            if events & Int16(POLLOUT) != 0 { try client.writeAvailable() }
            guard events & ~Int16(POLLOUT) != 0 else { return }
            for event in try client.pump(keep: false) {
                // A close or failure may have ended this connection mid-batch.
                guard self.client === client, exitStatus == nil else { return }
                receive(event)
            }
        } catch {
            connectionEnded(Disconnection(error))
        }
    }

    private func receive(_ event: ClientEvent) {
        if case .closing = link {
            switch event {
            case .closed, .failed, .disconnected: exitStatus = 0
            case .text, .binary, .ping, .pong: break
            }
            return
        }
        switch event {
        case .text(let text): receive(text: text)
        case .binary(let bytes): show(.binary(byteCount: bytes.count))
        case .ping, .pong: break
        case .closed(let code, let reason): connectionEnded(.closedByServer(code, reason: reason))
        case .failed(let error): connectionEnded(.protocolFailure("\(error)"))
        case .disconnected: connectionEnded(.lost("the server went away without a close frame"))
        }
    }

    private func receive(text: String) {
        guard let event = ChatEvent(text: text) else { return show(.unrecognised(text)) }
        if case .welcome = event { policy.reset() }
        apply(session.receive(event))
    }

    /// Carries out the session's decisions; `typed` is the line they answer, if any.
    private func apply(_ outputs: [ChatSession.Output], typed: String? = nil) {
        for output in outputs {
            switch output {
            case .show(let notice): show(notice)
            case .send(let request): send(String(decoding: request.json, as: UTF8.self))
            case .sendRaw(let text): send(text)
            case .keepLine: if let typed { editor.restore(typed) }
            case .quit: quit()
            }
        }
    }

    private func show(_ notice: Notice) {
        shown += view.lines(notice)
    }

    private func send(_ text: String) {
        guard case .connected(let client) = link else { return }
        do {
            try client.send(text: text)
        } catch {
            connectionEnded(Disconnection(error))
        }
    }

    // MARK: Connection lifecycle

    private func connectionEnded(_ why: Disconnection) {
        apply(session.connectionEnded(why))
        promptChanged = true
        guard why.allowsReconnect else {
            if case .closedByServer(.normalClosure, _) = why {
                exitStatus = 0
            } else {
                show(.hint("not reconnecting: the server would refuse again"))
                exitStatus = 1
            }
            return
        }
        show(.reconnecting(after: scheduleReconnect()))
    }

    /// Waits before the next attempt; returns the wait.
    private func scheduleReconnect() -> Double {
        let delay = policy.nextDelay()
        link = .waiting(until: Clock.now() + delay)
        return delay
    }

    private func adopt(_ client: WebSocketClient) {
        client.blockingWrites = false
        link = .connected(client)
        apply(session.connectionOpened())
        for event in client.eventsReceivedWithHandshake() where self.client === client {
            receive(event)
        }
    }

    private func reconnect() {
        // The connect blocks (bounded); what happened so far shows first.
        refreshScreen()
        do {
            adopt(try WebSocketClient.connect(to: target.url(name: session.name ?? target.name), timeout: Self.connectTimeout))
        } catch {
            show(.reconnectFailed(error.description, retryAfter: scheduleReconnect()))
        }
    }

    private func quit() {
        guard case .connected(let client) = link else {
            exitStatus = 0
            return
        }
        do {
            try client.close(code: .normalClosure)
            link = .closing(client, deadline: Clock.now() + Self.closeTimeout)
        } catch {
            exitStatus = 0
        }
    }

    // MARK: Screen

    private func refreshScreen() {
        if !shown.isEmpty {
            screen.show(shown, prompt: session.prompt, editor: editor)
        } else if promptChanged {
            screen.redraw(prompt: session.prompt, editor: editor)
        }
        shown = []
        promptChanged = false
    }
}
