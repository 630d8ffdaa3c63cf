import Glibc
import SystemKit

/// Why the server could not start or keep running (never caused by peer input).
public enum ServerError: Error, CustomStringConvertible, Sendable {
    /// A system call failed: its name and errno.
    case system(String, Int32)
    /// The listen address could not be parsed.
    case badAddress(String)
    /// A command-line or configuration value is out of range.
    case invalidConfiguration(String)

    public var description: String {
        switch self {
        case .system(let call, let code): "\(call) failed: \(String(cString: strerror(code)))"
        case .badAddress(let host): "not an IPv4 or IPv6 address: \(host)"
        case .invalidConfiguration(let message): message
        }
    }

    /// The same failure reported by a SystemKit call.
    static func system(_ failure: SystemCallError) -> ServerError {
        .system(failure.call, failure.code)
    }
}
