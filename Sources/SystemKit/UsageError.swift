/// A command-line mistake: every program reports it with a hint at its
/// `--help` and exits with status 2.
public struct UsageError: Error, Equatable, Sendable {
    public let message: String

    public init(message: String) {
        self.message = message
    }
}
