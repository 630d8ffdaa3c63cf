import SystemKit
import WSProtocol

/// The open phase's deadline serves two bounds. A data message must be
/// finished within `--message-timeout` of its first frame (a fragmented
/// message never finished would otherwise pin up to the message size limit
/// for as long as its sender pings). An authenticated session ends with its
/// token: at `exp` plus the clock skew it is closed `1008 token expired`,
/// unless a `refresh` moved the expiry (docs/protocol.md, "Authentication").
extension Connection {
    static let messageTimeoutReason = CloseReason(.policyViolation, "message not finished in time")

    func armTokenExpiry(_ expiry: Int64) {
        tokenExpiry = expiry
        armOpenDeadline()
    }

    /// After each read: start or stop the clock of the message in progress.
    func noteMessageProgress() {
        guard session.isAssemblingMessage else {
            messageStartedAt = nil
            return
        }
        guard messageStartedAt == nil else { return }
        messageStartedAt = loop.now
        armOpenDeadline()
    }

    /// The deadline came (or a stale one did): close for whichever bound
    /// passed, or arm the next.
    func openDeadlinePassed() {
        if let started = messageStartedAt, loop.now >= started + MonotonicClock.nanoseconds(loop.config.messageTimeout) {
            return closeForCause(Self.messageTimeoutReason)
        }
        if let tokenExpiry, WallClock.milliseconds() / 1000 >= tokenExpiry + TokenVerifier.clockSkew {
            return closeForCause(.tokenExpired)
        }
        armOpenDeadline()
    }

    private func armOpenDeadline() {
        var waits: [Double] = []
        if let started = messageStartedAt {
            waits.append(loop.config.messageTimeout - Double(loop.now - min(loop.now, started)) / 1e9)
        }
        if let tokenExpiry {
            waits.append(Double(tokenExpiry + TokenVerifier.clockSkew) - Double(WallClock.milliseconds()) / 1000)
        }
        guard let soonest = waits.min() else { return }
        loop.arm(self, after: max(0.001, soonest))
    }

    private func closeForCause(_ reason: CloseReason) {
        logClosing(with: reason.code, reason: reason.text)
        close(code: reason.code, reason: reason.text)
    }
}
