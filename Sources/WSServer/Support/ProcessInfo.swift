import Glibc
import SystemKit

/// Facts about this process for `/health` and `/metrics`.
enum ProcessInfo {
    /// Monotonic time at start-up (first use, which `Server.start` makes early).
    static let startNanos = MonotonicClock.nanoseconds()

    static var uptimeSeconds: Int {
        Int((MonotonicClock.nanoseconds() - startNanos) / 1_000_000_000)
    }

    /// Resident set size in bytes, from `/proc/self/statm` (second field, in pages).
    static var residentBytes: Int {
        guard let file = fopen("/proc/self/statm", "r") else { return 0 }
        defer { fclose(file) }
        var line = [CChar](repeating: 0, count: 128)
        guard fgets(&line, Int32(line.count), file) != nil else { return 0 }
        let text = line.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        let fields = text.split(separator: " ")
        guard fields.count >= 2, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}
