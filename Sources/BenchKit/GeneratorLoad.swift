import Glibc
import SystemKit

/// The generator's own CPU use at one instant: time on CPU (getrusage; on a
/// tick-accounting kernel this includes softirq work done in our context)
/// and time spent runnable waiting for a CPU (/proc/self/schedstat), so the
/// report can say when the generator, not the server, was the limit.
struct GeneratorLoad: Sendable {
    var at: Int64 = 0
    var cpuNanos: Int64 = 0
    var runQueueNanos: Int64 = 0
    var idleNanos: Int64 = 0
    var reads: UInt64 = 0
    var writes: UInt64 = 0
    var waits: UInt64 = 0

    static func sample(_ tally: Tally) -> GeneratorLoad {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let cpu = nanos(usage.ru_utime) + nanos(usage.ru_stime)
        return GeneratorLoad(
            at: MonotonicClock.now(), cpuNanos: cpu, runQueueNanos: runQueueWait(),
            idleNanos: tally.idleNanos, reads: tally.reads, writes: tally.writes, waits: tally.waits)
    }

    private static func nanos(_ time: timeval) -> Int64 {
        Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_usec) * 1000
    }

    /// The second field of /proc/self/schedstat: nanoseconds spent on a run queue.
    private static func runQueueWait() -> Int64 {
        let fd = open("/proc/self/schedstat", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return 0 }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 128)
        let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard count > 0 else { return 0 }
        let fields = buffer[..<count].split(separator: UInt8(ascii: " "))
        guard fields.count >= 2 else { return 0 }
        return Int64(String(decoding: fields[1], as: UTF8.self)) ?? 0
    }
}
