import Glibc
import SystemKit

/// Short pauses between the polls of a bounded wait in the tests.
extension MonotonicClock {
    public static func sleep(_ seconds: Double) {
        var left = timespec(tv_sec: Int(seconds), tv_nsec: Int((seconds - Double(Int(seconds))) * 1e9))
        var rest = timespec()
        while nanosleep(&left, &rest) != 0, errno == EINTR { left = rest }
    }
}
