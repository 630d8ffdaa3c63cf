/// A command-line mistake or an unusable target: reported with a hint at
/// `--help`, exit status 2.
public struct UsageError: Error, Equatable, Sendable {
    public let message: String
}
