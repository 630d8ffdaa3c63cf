import RESP

extension RedisConnection {
    /// Parses what was read and hands each value to its recipient, stopping
    /// as soon as the connection closes (a completion may close it).
    func consume(_ bytes: UnsafeRawBufferPointer) {
        var input = bytes
        while state == .open {
            let value: RESPValue?
            do {
                value = try parser.next(&input)
            } catch {
                return fail(.protocolViolation(error))
            }
            guard let value else { return }
            dispatch(value)
        }
    }

    /// A message push goes to `onMessage`; anything else answers the oldest awaited reply.
    private func dispatch(_ value: RESPValue) {
        if receivesMessages, let message = RedisMessage(push: value) {
            onMessage?(message)
            return
        }
        guard let entry = replies.first else { return fail(.unexpectedReply) }
        switch entry.recipient {
        case .authentication:
            finishReply()
            if case .error(let message) = value { fail(.authenticationFailed(message)) }
        case .select:
            finishReply()
            if case .error(let message) = value { fail(.selectFailed(message)) }
        case .command(let completion):
            finishReply()
            completion(Self.result(value))
        case .subscription(let remaining, let completion):
            confirm(value, remaining: remaining, completion)
        }
    }

    /// One confirmation of a (P)SUBSCRIBE or (P)UNSUBSCRIBE; the completion
    /// gets the last one. An error reply ends the command at once: Redis
    /// refuses a malformed command with one error, not one per channel.
    private func confirm(_ value: RESPValue, remaining: Int, _ completion: Completion) {
        if case .error = value {
            finishReply()
            return completion(Self.result(value))
        }
        if case .array(let elements?) = value, elements.first?.text?.hasSuffix("subscribe") == true,
           elements.first?.text?.hasSuffix("unsubscribe") == false {
            receivesMessages = true
        }
        guard remaining <= 1 else {
            replies.confirmOne()
            replyDeadline = now + (replies.first?.timeout ?? 0)
            return
        }
        finishReply()
        completion(.success(value))
    }

    /// Drops the oldest awaited reply; the next one's clock starts now.
    private func finishReply() {
        _ = replies.removeFirst()
        replyDeadline = replies.first.map { now + $0.timeout }
    }

    /// An error reply is a failure of that command; anything else is its result.
    static func result(_ value: RESPValue) -> Result<RESPValue, RedisError> {
        if case .error(let message) = value { return .failure(.server(message)) }
        return .success(value)
    }

    /// Closes the connection for `reason`, once: the socket is closed, every
    /// awaited completion fails with `reason`, then `onClose` is told.
    func fail(_ reason: RedisError) {
        guard state != .closed else { return }
        state = .closed
        closeReason = reason
        interest = []
        Socket.close(fd)
        output.removeAll()
        parser = RESPParser(limits: options.limits)
        replyDeadline = nil
        for entry in replies.removeAll() {
            switch entry.recipient {
            case .authentication, .select: continue
            case .command(let completion), .subscription(_, let completion): completion(.failure(reason))
            }
        }
        onClose?(reason)
    }
}
