/// A program's arguments, read one at a time in the form chat-server, its
/// `token` command, ws-client and ws-bench all take: `--flag VALUE` or
/// `--flag=VALUE`, switches alone, and words that are not flags (a URL, a
/// scenario). What a flag means, and what to say when it is wrong, stays
/// with each program.
public struct ArgumentReader {
    /// One argument as given, with `--flag=VALUE` split at its first `=`.
    public struct Argument: Equatable, Sendable {
        /// The argument exactly as given.
        public let text: String
        /// The flag's name: `text` up to the first `=` of a `--flag=VALUE`, else all of it.
        public let name: String
        /// What follows that `=`, possibly empty; nil without one.
        public let inlineValue: String?

        init(_ text: String) {
            self.text = text
            if text.hasPrefix("--"), let equals = text.firstIndex(of: "=") {
                name = String(text[..<equals])
                inlineValue = String(text[text.index(after: equals)...])
            } else {
                name = text
                inlineValue = nil
            }
        }
    }

    private var remaining: ArraySlice<String>

    /// `arguments` are those after the program's name.
    public init(_ arguments: [String]) {
        remaining = arguments[...]
    }

    /// The next argument, or nil when all have been read.
    public mutating func next() -> Argument? {
        remaining.popFirst().map(Argument.init)
    }

    /// The value of the flag `argument`: what follows its `=`, else the
    /// next argument (which is then read), or nil when there is none.
    public mutating func value(of argument: Argument) -> String? {
        argument.inlineValue ?? remaining.popFirst()
    }
}
