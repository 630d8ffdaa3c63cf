import CEpoll
import Glibc
import RESP
import SystemKit

/// One non-blocking TCP connection to Redis, driven by its owner's event
/// loop on one thread. It never blocks and never waits: the owner tells it
/// when its socket is ready and what time it is.
///
/// The contract:
/// - `init` creates the socket and starts connecting (AUTH and SELECT are
///   queued first); it throws only if that fails at once. Register `fd`
///   with `interest`, and call `updateInterest` from `onInterestChange`.
/// - On readiness call `handle(_:now:)`; once per pass call `tick(now:)`,
///   which writes what `send` queued and enforces the connect and reply
///   timeouts. `nextDeadline` says when `tick` is next due at the latest.
/// - Every completion is called exactly once, on the loop thread: with the
///   reply, a `.server` error reply, a refusal (at once, from `send`), or
///   the reason the connection closed. `onClose` reports that reason once;
///   by then `fd` is closed (which removed it from epoll) and must be forgotten.
/// - Callbacks run synchronously inside `handle`, `tick`, `send` and
///   `close`; they may call `send` and `close`, never `handle` or `tick`.
///   Deadlines use the `now` of the owner's latest call.
/// - Once a SUBSCRIBE is sent the connection is a subscriber for good:
///   messages go to `onMessage`, and only the pub/sub commands, PING and
///   QUIT are accepted. Reconnecting is the owner's business (see `Backoff`).
final class RedisConnection {
    typealias Completion = (Result<RESPValue, RedisError>) -> Void

    /// Where the connection is in its life.
    enum State: Equatable {
        case connecting, open, closed
    }

    static let readBufferSize = 64 << 10
    /// Reads per readiness event, so one busy connection cannot starve the loop.
    static let maxReadsPerEvent = 8

    let endpoint: RedisEndpoint
    let options: Options
    let fd: Int32
    var state = State.connecting
    /// The readiness wanted from the loop now (changed by the connection only).
    var interest = IOEvents.writable
    /// Why the connection closed, once it has (set by the connection only).
    var closeReason: RedisError?
    /// Called with the new interest whenever it changes (never after close).
    var onInterestChange: ((IOEvents) -> Void)?
    /// Called for each pub/sub message, in the order Redis sent them.
    var onMessage: ((RedisMessage) -> Void)?
    /// Called once, when the connection closes for any reason.
    var onClose: ((RedisError) -> Void)?

    var parser: RESPParser
    var output = RedisOutputQueue()
    var replies = RedisReplyQueue()
    /// When the oldest awaited reply is overdue; nil when none is awaited.
    var replyDeadline: UInt64?
    let connectDeadline: UInt64
    /// The owner's clock as of its last call.
    var now: UInt64
    /// A SUBSCRIBE was queued: only pub/sub commands, PING and QUIT from now on.
    var isSubscriber = false
    /// A subscription was confirmed, so message pushes may arrive.
    var receivesMessages = false
    let readBuffer: UnsafeMutableRawBufferPointer

    init(endpoint: RedisEndpoint, options: Options, now: UInt64) throws(RedisError) {
        let fd = socket(endpoint.family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw .connectFailed(errno) }
        guard endpoint.connect(fd) == 0 || errno == EINPROGRESS || errno == EINTR else {
            let code = errno
            Socket.close(fd)
            throw .connectFailed(code)
        }
        self.fd = fd
        self.endpoint = endpoint
        self.options = options
        self.now = now
        connectDeadline = now + MonotonicClock.nanoseconds(options.connectTimeout)
        parser = RESPParser(limits: options.limits)
        readBuffer = .allocate(byteCount: Self.readBufferSize, alignment: 16)
        queueHandshake()
    }

    /// Closes a connection still open without calling anyone back: call
    /// `close()` first for pending completions to be failed.
    deinit {
        if state != .closed { Socket.close(fd) }
        readBuffer.deallocate()
    }

    /// AUTH and SELECT go first, pipelined with whatever the owner sends
    /// before the connect completes; a refusal of either closes the connection.
    private func queueHandshake() {
        let timeout = MonotonicClock.nanoseconds(options.replyTimeout)
        if let password = options.password {
            let credentials: [RESPArgument] = (options.username.map { [.string($0)] } ?? []) + [.bytes(password)]
            output.append(RESPCommand("AUTH", arguments: credentials))
            replies.append(.init(recipient: .authentication, timeout: timeout))
        }
        if options.database != 0 {
            output.append(RESPCommand("SELECT", .integer(Int64(options.database))))
            replies.append(.init(recipient: .select, timeout: timeout))
        }
    }

    /// When `tick` must run next at the latest: the connect deadline, the oldest reply's, or nil.
    var nextDeadline: UInt64? {
        switch state {
        case .connecting: connectDeadline
        case .open: replyDeadline
        case .closed: nil
        }
    }

    /// Replies awaited, handshake included.
    var pendingReplyCount: Int { replies.count }

    /// Bytes queued and not yet written.
    var unwrittenByteCount: Int { output.count }

    /// Enforces the timeouts, then writes what is queued.
    func tick(now: UInt64) {
        self.now = now
        switch state {
        case .connecting:
            if now >= connectDeadline { fail(.connectTimedOut) }
        case .open:
            if let replyDeadline, now >= replyDeadline { return fail(.replyTimedOut) }
            // While waiting for EPOLLOUT the socket is known to be full: `handle` writes then.
            if !output.isEmpty, !interest.contains(.writable) { flush() }
        case .closed:
            return
        }
    }

    /// Closes the socket now and fails every pending completion with `.closedByOwner`. Idempotent.
    func close() {
        fail(.closedByOwner)
    }
}
