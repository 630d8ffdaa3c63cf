import Synchronization

/// Cross-thread traffic: the inbox other loops post to, the outboxes this
/// loop fills during a pass, and the executor jobs of the registry actor.
extension EventLoop {
    /// Appends messages to this loop's inbox from any thread, waking the loop
    /// only when the inbox was empty (a non-empty one is drained anyway).
    func post(_ messages: [LoopMessage]) {
        let wasEmpty = inbox.withLock { inbox in
            let wasEmpty = inbox.isEmpty
            inbox.append(contentsOf: messages)
            return wasEmpty
        }
        if wasEmpty { wakeup.signal() }
    }

    /// Queues a message for another loop, sent at the end of this pass.
    func send(_ message: LoopMessage, to loop: Int) {
        outboxes[loop].append(message)
    }

    func postOutboxes() {
        for target in outboxes.indices where !outboxes[target].isEmpty {
            let batch = outboxes[target]
            outboxes[target].removeAll(keepingCapacity: true)
            peers[target].post(batch)
        }
    }

    func drainInbox() {
        let messages = inbox.withLock { inbox in
            let taken = inbox
            inbox.removeAll(keepingCapacity: true)
            return taken
        }
        for message in messages {
            switch message {
            case .adopt(let fd, let peer): adopt(fd, peer: peer)
            case .deliver(let deliveries):
                apply(deliveries)
                inboxBytes.wrappingSubtract(deliveries.reduce(0) { $0 + $1.heldBytes }, ordering: .relaxed)
            case .registry(let calls): registryCalls.append(contentsOf: calls)
            case .shutDown: beginShutdown()
            }
        }
    }

    func runJobs() {
        let pending = jobs.withLock { jobs in
            let taken = jobs
            jobs.removeAll(keepingCapacity: true)
            return taken
        }
        for job in pending {
            job.runSynchronously(on: asUnownedSerialExecutor())
        }
    }
}

/// The loop is a serial executor: actor jobs enqueued from other threads run
/// on the loop thread between passes; code already on the loop thread enters
/// the actor synchronously with `assumeIsolated`.
extension EventLoop: SerialExecutor {
    func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        let wasEmpty = jobs.withLock { jobs in
            let wasEmpty = jobs.isEmpty
            jobs.append(unowned)
            return wasEmpty
        }
        if wasEmpty { wakeup.signal() }
    }

    func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    func checkIsolated() {
        precondition(isCurrentThread, "not on event loop \(index)")
    }

    func isIsolatingCurrentContext() -> Bool? {
        isCurrentThread
    }
}
