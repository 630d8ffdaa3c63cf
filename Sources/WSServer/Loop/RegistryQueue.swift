/// Registry calls waiting on one loop, in order: appended as requests
/// arrive, taken from the front in batches. A head index instead of
/// `removeFirst`, so taking a batch from a long queue costs the batch, not
/// the queue.
struct RegistryQueue {
    private var calls: [RegistryCall] = []
    private var head = 0

    var isEmpty: Bool { head == calls.count }
    var count: Int { calls.count - head }

    mutating func append(_ call: RegistryCall) {
        calls.append(call)
    }

    mutating func append(contentsOf more: [RegistryCall]) {
        calls.append(contentsOf: more)
    }

    /// Up to `limit` calls from the front.
    mutating func takeBatch(_ limit: Int) -> ArraySlice<RegistryCall> {
        let end = min(head + limit, calls.count)
        let batch = calls[head..<end]
        head = end
        if head == calls.count {
            calls.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= 1024, head * 2 >= calls.count {
            calls.removeFirst(head)
            head = 0
        }
        return batch
    }

    /// Everything left, emptying the queue.
    mutating func takeAll() -> [RegistryCall] {
        defer {
            calls.removeAll(keepingCapacity: true)
            head = 0
        }
        return Array(calls[head...])
    }

    /// Drops the requests still queued for a client that has gone: nothing
    /// it asked for after its close may run (its disconnect call stays).
    mutating func dropRequests(of client: ClientID) -> Int {
        var dropped = 0
        var kept: [RegistryCall] = []
        kept.reserveCapacity(count)
        for call in calls[head...] {
            switch call {
            case .request(let id, _, _) where id == client, .invalid(let id, _, _) where id == client:
                dropped += call.weight
            case .connect, .request, .invalid, .touch, .disconnect, .api:
                kept.append(call)
            }
        }
        calls = kept
        head = 0
        return dropped
    }
}
