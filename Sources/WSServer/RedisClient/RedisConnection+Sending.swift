import RESP
import SystemKit

extension RedisConnection {
    /// Queues `command` for the next write (`tick` or `flush`) and its
    /// completion for its reply. `timeout` overrides `Options.replyTimeout`
    /// for commands that block on purpose (BLPOP, XREAD BLOCK).
    ///
    /// Refusals fail the completion at once and return false: a closed
    /// connection (with the reason it closed), a full output queue or reply
    /// queue, a command a subscriber may not send, or one that would break
    /// reply matching. Replies of a (P)SUBSCRIBE or (P)UNSUBSCRIBE of n
    /// channels complete once, with the last of the n confirmations.
    @discardableResult
    func send(_ command: RESPCommand, timeout: Double? = nil, completion: @escaping Completion) -> Bool {
        let kind = RedisCommandKind(command)
        if let refusal = refusal(of: command, kind) {
            completion(.failure(refusal))
            return false
        }
        output.append(command)
        let recipient: RedisReplyQueue.Recipient
        switch kind {
        case .subscribe(let confirmations):
            isSubscriber = true
            recipient = .subscription(remaining: confirmations, completion)
        case .unsubscribe(let confirmations):
            recipient = .subscription(remaining: confirmations, completion)
        case .regular, .anyMode, .refused:
            recipient = .command(completion)
        }
        if replies.isEmpty, state == .open {
            replyDeadline = now + MonotonicClock.nanoseconds(timeout ?? options.replyTimeout)
        }
        replies.append(.init(recipient: recipient, timeout: MonotonicClock.nanoseconds(timeout ?? options.replyTimeout)))
        return true
    }

    /// SUBSCRIBE to `channels` (one command, however many).
    @discardableResult
    func subscribe(_ channels: [[UInt8]], completion: @escaping Completion) -> Bool {
        send(RESPCommand("SUBSCRIBE", arguments: channels.map { .bytes($0) }), completion: completion)
    }

    /// UNSUBSCRIBE from `channels`, which must not be empty.
    @discardableResult
    func unsubscribe(_ channels: [[UInt8]], completion: @escaping Completion) -> Bool {
        send(RESPCommand("UNSUBSCRIBE", arguments: channels.map { .bytes($0) }), completion: completion)
    }

    private func refusal(of command: RESPCommand, _ kind: RedisCommandKind) -> RedisError? {
        if let closeReason { return closeReason }
        switch kind {
        case .refused(let reason): return .unsupportedCommand(reason)
        case .regular where isSubscriber: return .notAllowedWhileSubscribed(command.name)
        case .regular, .anyMode, .subscribe, .unsubscribe: break
        }
        guard replies.count < options.maxPendingReplies else { return .tooManyPending(limit: options.maxPendingReplies) }
        guard command.encodedCount <= options.maxOutputBytes - output.count else {
            return .outputLimitExceeded(limit: options.maxOutputBytes)
        }
        return nil
    }
}
