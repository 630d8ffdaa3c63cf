import CEpoll
import Glibc

extension RedisConnection {
    /// The loop's report that `fd` is ready: completes the connect, reads
    /// and dispatches replies, then writes what is queued (replies' own
    /// completions may have queued more).
    func handle(_ events: IOEvents, now: UInt64) {
        self.now = now
        switch state {
        case .connecting:
            finishConnect()
        case .open:
            if events.contains(.readable) || events.contains(.hangup) { readAvailable() }
            if state == .open, !output.isEmpty { flush() }
        case .closed:
            return
        }
    }

    /// Writes queued commands until done or the socket is full; waits for
    /// writability only while bytes remain. Several commands go in one send.
    func flush() {
        guard state == .open else { return }
        while !output.isEmpty {
            let pending = output.count
            switch output.withUnwrittenBytes({ Socket.write(fd, $0) }) {
            case .transferred(let count):
                output.consume(count)
                if count < pending { return want([.readable, .writable]) }
            case .wouldBlock:
                return want([.readable, .writable])
            case .endOfStream:
                return fail(.closedByServer)
            case .failed(let code):
                return fail(.socketFailed(code))
            }
        }
        want(.readable)
    }

    /// The non-blocking connect finished, one way or the other (SO_ERROR says which).
    private func finishConnect() {
        var code: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        if getsockopt(fd, SOL_SOCKET, SO_ERROR, &code, &length) != 0 { code = errno }
        guard code == 0 else { return fail(.connectFailed(code)) }
        state = .open
        Socket.setNoDelay(fd)
        // Nothing could be answered while connecting: the oldest reply's clock starts now.
        replyDeadline = replies.first.map { now + $0.timeout }
        flush()
    }

    private func readAvailable() {
        for _ in 0..<Self.maxReadsPerEvent {
            switch Socket.read(fd, into: readBuffer) {
            case .transferred(let count):
                consume(UnsafeRawBufferPointer(rebasing: readBuffer[..<count]))
                if state != .open || count < readBuffer.count { return }
            case .wouldBlock:
                return
            case .endOfStream:
                return fail(.closedByServer)
            case .failed(let code):
                return fail(.socketFailed(code))
            }
        }
    }

    private func want(_ wanted: IOEvents) {
        guard state != .closed, wanted != interest else { return }
        interest = wanted
        onInterestChange?(wanted)
    }
}
