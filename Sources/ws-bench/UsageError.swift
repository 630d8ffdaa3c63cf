/// A command-line mistake or an unusable target: reported with a hint at
/// `--help`, exit status 2.
struct UsageError: Error, Equatable, Sendable {
    let message: String
}
