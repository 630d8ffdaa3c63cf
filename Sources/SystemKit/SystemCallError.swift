import Glibc

/// A system call that failed: its name and the errno it left.
public struct SystemCallError: Error, Equatable, Sendable, CustomStringConvertible {
    public let call: String
    public let code: Int32

    public init(_ call: String, _ code: Int32) {
        self.call = call
        self.code = code
    }

    /// What `strerror` says about `code`.
    public var reason: String { String(cString: strerror(code)) }

    public var description: String { "\(call) failed: \(reason)" }
}
