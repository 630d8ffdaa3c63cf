import CEpoll
import Glibc

/// Starts an event loop on a POSIX thread of its own (no Foundation needed).
enum LoopThread {
    /// Carries the body across the C start routine.
    private final class Body {
        let run: () -> Void
        init(_ run: @escaping () -> Void) { self.run = run }
    }

    static func spawn(name: String, _ body: @escaping () -> Void) -> pthread_t {
        var thread = pthread_t()
        let context = Unmanaged.passRetained(Body(body)).toOpaque()
        let status = pthread_create(&thread, nil, { context in
            let body = Unmanaged<Body>.fromOpaque(context!).takeRetainedValue()
            body.run()
            return nil
        }, context)
        precondition(status == 0, "pthread_create failed: \(status)")
        _ = pthread_setname_np(thread, String(name.prefix(15)))
        return thread
    }
}
