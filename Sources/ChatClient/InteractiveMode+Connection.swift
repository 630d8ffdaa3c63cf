import ChatWire
import Glibc
import SystemKit
import WSClient
import WSProtocol

/// The socket side of interactive mode: events in, requests out, and the
/// connection's life: reconnecting with backoff when that can help, and
/// saying why not when it cannot.
extension InteractiveMode {
    // MARK: Socket

    func serviceSocket(_ events: Int16) {
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
            connectionEnded(Disconnection(error, withToken: target.token != nil))
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
        apply(session.receive(text: text))
    }

    /// Carries out the session's decisions; `typed` is the line they answer, if any.
    func apply(_ outputs: [ChatSession.Output], typed: String? = nil) {
        for output in outputs {
            switch output {
            case .show(let notice): show(notice)
            case .send(let request): send(String(decoding: request.json, as: UTF8.self))
            case .sendLater(let request, let delay): scheduled[request.ref?.text ?? ""] = (MonotonicClock.seconds() + delay, request)
            case .sendRaw(let text): send(text)
            case .keepLine: if let typed { editor.restore(typed) }
            case .quit: quit()
            }
        }
    }

    func show(_ notice: Notice) {
        shown += view.lines(notice)
    }

    private func send(_ text: String) {
        guard case .connected(let client) = link else { return }
        do {
            try client.send(text: text)
        } catch {
            connectionEnded(Disconnection(error, withToken: target.token != nil))
        }
    }

    /// Sends the scheduled requests due by `now`.
    func sendScheduled(dueBy now: Double) {
        for (ref, entry) in scheduled where entry.due <= now {
            scheduled[ref] = nil
            send(String(decoding: entry.request.json, as: UTF8.self))
        }
    }

    // MARK: Connection lifecycle

    /// Connects to `target` under `name`, with the token in the upgrade request.
    static func connect(_ target: ChatTarget, name: String?) throws(ClientError) -> WebSocketClient {
        try WebSocketClient.connect(
            to: target.url(name: name), headers: target.headers, timeout: connectTimeout, deflate: true, tls: target.tls)
    }

    private func connectionEnded(_ why: Disconnection) {
        apply(session.connectionEnded(why))
        scheduled = [:]
        promptChanged = true
        guard let reason = why.finalReason else { return show(.reconnecting(after: scheduleReconnect())) }
        show(.notReconnecting(reason))
        if case .closedByServer(.normalClosure, _) = why {
            exitStatus = 0
        } else {
            exitStatus = 1
        }
    }

    /// Waits before the next attempt; returns the wait. The backoff starts
    /// over only after a connection that lasted longer than its longest
    /// wait: one the server keeps ending early (a slow consumer whose
    /// resume replay overwhelms it again) backs off instead of looping.
    private func scheduleReconnect() -> Double {
        if let connectedAt, MonotonicClock.seconds() - connectedAt >= policy.cap { policy.reset() }
        connectedAt = nil
        let delay = policy.nextDelay()
        link = .waiting(until: MonotonicClock.seconds() + delay)
        return delay
    }

    func adopt(_ client: WebSocketClient) {
        client.blockingWrites = false
        link = .connected(client)
        connectedAt = MonotonicClock.seconds()
        apply(session.connectionOpened())
        for event in client.eventsReceivedWithHandshake() where self.client === client {
            receive(event)
        }
    }

    func reconnect() {
        // The connect blocks (bounded); what happened so far shows first.
        refreshScreen()
        do {
            adopt(try Self.connect(target, name: session.name ?? target.name))
        } catch {
            let why = Disconnection(error, withToken: target.token != nil)
            guard let reason = why.finalReason else {
                return show(.reconnectFailed(error.description, retryAfter: scheduleReconnect()))
            }
            show(.notReconnecting(reason))
            exitStatus = 1
        }
    }

    func quit() {
        guard case .connected(let client) = link else {
            exitStatus = 0
            return
        }
        do {
            try client.close(code: .normalClosure)
            link = .closing(client, deadline: MonotonicClock.seconds() + Self.closeTimeout)
        } catch {
            exitStatus = 0
        }
    }
}
