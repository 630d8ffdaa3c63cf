import ChatWire
import Foundation

/// A serial executor that runs its jobs on one dedicated thread, standing in
/// for the event loop: actors given it run there, and code running on that
/// thread may enter them synchronously with `assumeIsolated`.
final class ThreadExecutor: SerialExecutor, @unchecked Sendable {
    /// A unit of work for the thread: an actor job, or a plain closure.
    private enum Work {
        case job(UnownedJob)
        case block(() -> Void)
    }

    private let condition = NSCondition()
    private var queue: [Work] = []
    private var isStopping = false
    private var thread: Thread?

    init() {
        // The thread keeps the executor alive until `shutdown` lets it finish.
        let thread = Thread { self.runLoop() }
        self.thread = thread
        thread.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        submit(.job(UnownedJob(job)))
    }

    func asUnownedSerialExecutor() -> UnownedSerialExecutor { UnownedSerialExecutor(ordinary: self) }

    /// `assumeIsolated` asks this when the caller is not running one of our jobs.
    func checkIsolated() {
        precondition(isCurrent, "not on the executor's thread")
    }

    var isCurrent: Bool { Thread.current === thread }

    /// Runs `body` on the executor's thread, outside any actor job, the way
    /// the event loop runs its own code, and returns its result.
    func run<Result: Sendable>(_ body: @escaping @Sendable () -> Result) async -> Result {
        await withCheckedContinuation { continuation in
            submit(.block { continuation.resume(returning: body()) })
        }
    }

    /// Lets the thread finish once the queue is empty.
    func shutdown() {
        condition.lock()
        isStopping = true
        condition.signal()
        condition.unlock()
    }

    private func submit(_ work: Work) {
        condition.lock()
        queue.append(work)
        condition.signal()
        condition.unlock()
    }

    private func runLoop() {
        while let work = next() {
            switch work {
            case .job(let job): job.runSynchronously(on: asUnownedSerialExecutor())
            case .block(let body): body()
            }
        }
    }

    private func next() -> Work? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty {
            if isStopping { return nil }
            condition.wait()
        }
        return queue.removeFirst()
    }
}
