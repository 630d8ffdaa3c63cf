import Glibc
import SystemKit
import WSClient
import WSProtocol

/// `ws-client` for scripts (stdin not a terminal, or `--json`): every stdin
/// line goes out as one text frame, as is; every message that comes in is
/// printed as one line, text as is and binary as `[binary base64] …`.
/// At the end of stdin it starts the close handshake and keeps printing
/// until the server's close frame.
///
/// "As is" holds for a pipe or a file. When stdout is a terminal, text is
/// neutralised as interactive mode does (`SafeText`: controls, ESC, C1 and
/// bidi controls), so no peer can drive the terminal; so is what goes to
/// stderr when that is a terminal (`FileOutput.complain`).
///
/// One `poll` loop serves stdin and the socket, with writes that never
/// block: a peer that answers while a long input is still going out (an
/// echo server) is read all along instead of deadlocking both sides. Stdin
/// is not read while a megabyte waits for the socket, which bounds memory.
public final class PipeMode {
    public static let binaryMarker = "[binary base64] "
    private static let maxQueuedBytes = 1 << 20
    private static let closeTimeout = 5.0

    private let client: WebSocketClient
    private let toTerminal = Terminal.isTerminal(STDOUT_FILENO)
    private var lines = LineSplitter()
    private var lineNumber = 0
    /// Monotonic time by which the server's close frame must arrive, once ours is sent.
    private var closeDeadline: Double?

    private init(client: WebSocketClient) {
        self.client = client
        client.blockingWrites = false
        client.receivesDataWhileClosing = true
    }

    /// Connects and runs until the close; returns the exit status.
    /// A `token` in the URL moves to the `Authorization` header, as in interactive mode.
    static func run(_ options: ClientOptions) -> Int32 {
        let (given, taken) = ChatTarget.removing(["token"], from: options.url)
        let url = ChatTarget.appending(rooms: options.rooms, name: options.name, to: given)
        let token = options.token ?? taken.first(for: "token")
        do {
            let client = try WebSocketClient.connect(
                to: url, headers: ChatTarget.headers(token: token), timeout: 10, deflate: true, tls: options.tls)
            return PipeMode(client: client).run()
        } catch {
            FileOutput.complain(Disconnection(error, withToken: token != nil).finalReason ?? "\(url): \(error)")
            return 1
        }
    }

    private func run() -> Int32 {
        var early: [UInt8] = []
        var status: Int32?
        for event in client.eventsReceivedWithHandshake() where status == nil {
            status = handle(event, into: &early)
        }
        // Printed even when the server closed in the same breath.
        FileOutput.write(early, to: STDOUT_FILENO)
        if let status { return status }
        while true {
            if let status = step() { return status }
        }
    }

    /// One wait and what it found; an exit status once the session is over.
    private func step() -> Int32? {
        let readsStdin = closeDeadline == nil && client.pendingOutputCount < Self.maxQueuedBytes
        var fds = [pollfd(fd: client.fd, events: socketEvents, revents: 0)]
        if readsStdin { fds.append(pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)) }
        let ready = poll(&fds, nfds_t(fds.count), waitMillis)
        guard ready >= 0 || errno == EINTR else { return fail("poll: \(String(cString: strerror(errno)))") }
        if let closeDeadline, MonotonicClock.seconds() >= closeDeadline { return fail("no close frame from the server") }
        if fds[0].revents != 0, let status = serviceSocket(fds[0].revents) { return status }
        if readsStdin, fds[1].revents != 0 { return readStdin() }
        return nil
    }

    private var socketEvents: Int16 {
        Int16(POLLIN) | (client.pendingOutputCount > 0 ? Int16(POLLOUT) : 0)
    }

    private var waitMillis: Int32 {
        guard let closeDeadline else { return -1 }
        return Int32(max(0, (closeDeadline - MonotonicClock.seconds()) * 1000).rounded(.up))
    }

    private func serviceSocket(_ events: Int16) -> Int32? {
        do {
            if events & Int16(POLLOUT) != 0 { try client.writeAvailable() }
            guard events & ~Int16(POLLOUT) != 0 else { return nil }
            var output: [UInt8] = []
            defer { FileOutput.write(output, to: STDOUT_FILENO) }
            for event in try client.pump(keep: false) {
                if let status = handle(event, into: &output) { return status }
            }
            return nil
        } catch {
            return fail(error.description)
        }
    }

    private func handle(_ event: ClientEvent, into output: inout [UInt8]) -> Int32? {
        switch event {
        case .text, .binary:
            output += Self.printed(event, toTerminal: toTerminal)
        case .ping, .pong:
            break
        case .closed(let code, let reason):
            return closed(code: code, reason: reason)
        case .failed(let error):
            return fail("the server broke the protocol: \(error)")
        case .disconnected:
            return fail("connection lost: the server went away without a close frame")
        }
        return nil
    }

    /// The stdout line for a message: text as is (neutralised for a
    /// terminal), binary as marker and base64.
    public static func printed(_ event: ClientEvent, toTerminal: Bool = false) -> [UInt8] {
        switch event {
        case .text(let text): Array((toTerminal ? SafeText.neutralised(text) : text).utf8) + [UInt8(ascii: "\n")]
        case .binary(let bytes): Array((binaryMarker + Base64.encode(bytes) + "\n").utf8)
        case .ping, .pong, .closed, .failed, .disconnected: []
        }
    }

    /// Our close answered: done. The server's own close: fine if normal.
    private func closed(code: CloseCode, reason: String) -> Int32 {
        guard closeDeadline == nil, code != .normalClosure else { return 0 }
        return fail(Disconnection.closedByServer(code, reason: reason).explanation)
    }

    private func readStdin() -> Int32? {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = read(STDIN_FILENO, &chunk, chunk.count)
        if count < 0, errno == EINTR || errno == EAGAIN { return nil }
        do {
            guard count > 0 else { return try endOfInput() }
            for line in lines.append(chunk[..<count]) { try send(line) }
            return nil
        } catch {
            return fail(error.description)
        }
    }

    private func endOfInput() throws(ClientError) -> Int32? {
        if let last = lines.finish() { try send(last) }
        try client.close(code: .normalClosure)
        closeDeadline = MonotonicClock.seconds() + Self.closeTimeout
        return nil
    }

    /// A text frame must be UTF-8; a line that is not is reported and skipped.
    private func send(_ line: [UInt8]) throws(ClientError) {
        lineNumber += 1
        guard let text = String(validating: line, as: UTF8.self) else {
            FileOutput.complain("line \(lineNumber) is not UTF-8, not sent")
            return
        }
        try client.send(text: text)
    }

    private func fail(_ message: String) -> Int32 {
        FileOutput.complain(message)
        return 1
    }
}
