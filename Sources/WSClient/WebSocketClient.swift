import CEpoll
import Glibc
import SystemKit
import WSProtocol

/// A WebSocket client connection (RFC 6455, client role) over a
/// non-blocking TCP socket, or TLS on it for `wss://`, with every wait
/// bounded: connect and handshakes, send, and receive with a timeout. `fd`
/// and `pump()` let a `poll` loop (the terminal client) drive it without
/// blocking: `pump` also takes what TLS already decrypted, which poll
/// cannot see.
public final class WebSocketClient {
    public let url: WebSocketURL
    private let transport: ClientTransport
    private var session: WebSocketSession
    private var pending: [ClientEvent] = []
    private var pendingStart = 0
    private var readBuffer = [UInt8](repeating: 0, count: 65536)
    /// Seconds allowed for a write to find room in the socket.
    public var writeTimeout = 10.0
    /// When false, `send`, `ping`, `close` and `pump` queue their frames and
    /// write only what the socket takes at once, so a poll loop can keep
    /// reading while a large message goes out; it then calls
    /// `writeAvailable()` when `fd` polls writable while `pendingOutputCount > 0`.
    public var blockingWrites = true
    /// When true, messages the server sends after our close frame (and
    /// before its own) are still delivered, e.g. the last replies a script
    /// waits for; by default they are dropped.
    public var receivesDataWhileClosing: Bool {
        get { session.reportsDataWhileClosing }
        set { session.reportsDataWhileClosing = newValue }
    }
    public private(set) var isOpen = true
    /// The permessage-deflate configuration the server accepted; nil when
    /// none was offered or the server declined.
    public private(set) var deflate: DeflateParameters?

    private init(transport: ClientTransport, url: WebSocketURL, maxMessageSize: Int) {
        self.transport = transport
        self.url = url
        session = WebSocketSession(role: .client, maxMessageSize: maxMessageSize)
    }

    /// The socket, for a `poll` loop (closed when the client is released).
    public var fd: Int32 { transport.fd }

    /// Connects and completes the opening handshake within `timeout` seconds.
    /// `headers` go into the upgrade request as they are (`Authorization`,
    /// say). With `deflate`, offers permessage-deflate (`DeflateOffer.client`);
    /// if the server accepts, messages of `deflateMinSize` bytes or more are
    /// sent compressed and compressed messages from the server are inflated.
    /// A `wss://` URL runs the TLS handshake first, trusting as `tls` says.
    public static func connect(
        to url: WebSocketURL, origin: String? = nil, headers: HTTPHeaders = [:], timeout: Double = 10,
        maxMessageSize: Int = 64 << 20, deflate: Bool = false, deflateMinSize: Int = PerMessageDeflate.defaultMinimumSize,
        tls: TLSClientOptions = TLSClientOptions()
    ) throws(ClientError) -> WebSocketClient {
        let deadline = MonotonicClock.seconds() + timeout
        let fd = try ClientSocket.connect(host: url.host, port: url.port, timeout: timeout)
        let transport = url.isSecure
            ? try ClientTransport.secure(fd, host: url.host, options: tls, deadline: deadline)
            : ClientTransport(fd: fd)
        let client = WebSocketClient(transport: transport, url: url, maxMessageSize: maxMessageSize)
        let request = ClientHandshake(
            host: url.host, port: url.port, path: url.target, origin: origin, extraHeaders: headers,
            deflateOffer: deflate ? DeflateOffer.client : nil)
        try client.handshake(request, deflateMinSize: deflateMinSize, deadline: deadline)
        return client
    }

    private func handshake(_ request: ClientHandshake, deflateMinSize: Int, deadline: Double) throws(ClientError) {
        try transport.writeAll(request.requestBytes, timeout: max(0, deadline - MonotonicClock.seconds()))
        var parser = HTTPResponseHeadParser()
        while true {
            let count = try readOnce(timeout: deadline - MonotonicClock.seconds())
            // Readable without plaintext: TLS records that carry none (session tickets).
            if count < 0 { continue }
            guard count > 0 else { throw .handshakeFailed("server closed the connection before answering") }
            let result: HTTPHeadParseResult<HTTPResponseHead>
            do {
                result = try readBuffer.withUnsafeBytes { try parser.parse(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
            } catch {
                throw .handshakeFailed("bad HTTP response: \(error)")
            }
            guard case .complete(let head, let consumed) = result else { continue }
            do {
                deflate = try request.validate(head)
            } catch .unexpectedStatus(let status) {
                throw .upgradeRefused(status)
            } catch {
                throw .handshakeFailed(error.description)
            }
            if let deflate { useDeflate(deflate, minimumSize: deflateMinSize) }
            if consumed < count { receive(bytesAt: consumed..<count) }
            try receiveBufferedInput()
            return
        }
    }

    /// A client has its own inflater and deflater: it runs on its caller's thread.
    private func useDeflate(_ parameters: DeflateParameters, minimumSize: Int) {
        let compression = PerMessageDeflate(
            parameters, role: .client, inflater: Inflater(), deflater: Deflater(), minimumSize: minimumSize)
        session = WebSocketSession(role: .client, maxMessageSize: session.maxMessageSize, messageExtension: compression)
    }

    // MARK: Sending

    public func send(text: String) throws(ClientError) {
        try send(isText: true, Array(text.utf8))
    }

    public func send(binary: [UInt8]) throws(ClientError) {
        try send(isText: false, binary)
    }

    private func send(isText: Bool, _ payload: [UInt8]) throws(ClientError) {
        let queued = payload.withUnsafeBytes { session.send(text: isText, payload: $0) }
        guard queued else { throw .connectionLost("the connection is closing") }
        try flush()
    }

    public func ping(_ payload: [UInt8] = []) throws(ClientError) {
        _ = payload.withUnsafeBytes { session.ping($0) }
        try flush()
    }

    /// Starts the close handshake; the server's reply arrives as `.closed`.
    public func close(code: CloseCode = .normalClosure, reason: String = "") throws(ClientError) {
        session.close(code: code, reason: reason)
        try flush()
    }

    /// Writes bytes as they are, bypassing the session (for protocol tests).
    public func sendRaw(_ bytes: [UInt8]) throws(ClientError) {
        try transport.writeAll(bytes, timeout: writeTimeout)
    }

    /// Bytes queued but not yet taken by the socket (only with `blockingWrites` off).
    public var pendingOutputCount: Int { session.output.count }

    /// Writes as much queued output as the socket takes now, without waiting.
    public func writeAvailable() throws(ClientError) {
        while !session.output.isEmpty {
            let written = try session.output.withReadableBytes { bytes in
                Result { () throws(ClientError) in try transport.write(bytes) }
            }.get()
            guard written > 0 else { return }
            session.output.consume(written)
        }
    }

    private func flush() throws(ClientError) {
        guard blockingWrites else { return try writeAvailable() }
        guard !session.output.isEmpty else { return }
        let bytes = session.output.withReadableBytes { Array($0) }
        session.output.consume(bytes.count)
        try transport.writeAll(bytes, timeout: writeTimeout)
    }

    // MARK: Receiving

    /// The next event, waiting up to `timeout` seconds; nil if none came.
    public func next(timeout: Double) throws(ClientError) -> ClientEvent? {
        let deadline = MonotonicClock.seconds() + timeout
        while pendingStart == pending.count {
            guard isOpen else { return nil }
            let left = deadline - MonotonicClock.seconds()
            guard left > 0, transport.waitUntilReadable(timeout: left) else { return nil }
            _ = try pump()
        }
        return takePending()
    }

    /// One non-blocking read of the socket, and of what TLS still holds after
    /// it. With `keep`, returns the events it completed and keeps them for
    /// `next`; without, returns (and drops) every event not taken yet, those
    /// that arrived with the handshake answer included. Call when `fd` is readable.
    @discardableResult
    public func pump(keep: Bool = true) throws(ClientError) -> [ClientEvent] {
        let before = pending.count
        let count = try readOnce(timeout: 0)
        if count == 0, isOpen {
            isOpen = false
            pending.append(.disconnected)
        } else if count > 0 {
            receive(bytesAt: 0..<count)
            try receiveBufferedInput()
        }
        try flush()
        guard !keep else { return Array(pending[before...]) }
        let untaken = Array(pending[pendingStart...])
        pending.removeAll(keepingCapacity: true)
        pendingStart = 0
        return untaken
    }

    private func takePending() -> ClientEvent {
        let event = pending[pendingStart]
        pendingStart += 1
        if pendingStart == pending.count {
            pending.removeAll(keepingCapacity: true)
            pendingStart = 0
        }
        return event
    }

    /// Takes what TLS decrypted beyond the last read: poll will not report it.
    private func receiveBufferedInput() throws(ClientError) {
        while transport.hasBufferedInput {
            let count = try readOnce(timeout: 0)
            guard count > 0 else { return }
            receive(bytesAt: 0..<count)
        }
    }

    /// Reads once into the buffer; 0 at EOF, -1 (as "nothing") when it would block.
    private func readOnce(timeout: Double) throws(ClientError) -> Int {
        if timeout > 0, !transport.waitUntilReadable(timeout: timeout) { throw .timedOut }
        return try readBuffer.withUnsafeMutableBytes { buffer in
            Result { () throws(ClientError) in try transport.read(into: buffer) }
        }.get()
    }

    private func receive(bytesAt range: Range<Int>) {
        readBuffer.withUnsafeMutableBytes { buffer in
            session.receive(UnsafeMutableRawBufferPointer(rebasing: buffer[range])) { event in
                pending.append(Self.owned(event))
            }
        }
        if session.state == .closed, case .failed? = pending.last {
            try? flush()
        }
    }

    private static func owned(_ event: WebSocketSession.Event) -> ClientEvent {
        switch event {
        case .text(let bytes): .text(String(decoding: bytes, as: UTF8.self))
        case .binary(let bytes): .binary(Array(bytes))
        case .ping(let bytes): .ping(Array(bytes))
        case .pong(let bytes): .pong(Array(bytes))
        case .closed(let code, let reason): .closed(code, reason: reason)
        case .failed(let error): .failed(error)
        }
    }
}
