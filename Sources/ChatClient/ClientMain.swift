import Glibc

/// What `ws-client` does: picks the mode from the arguments and stdin, runs
/// it, and returns the exit status.
public enum ClientMain {
    public static func run(_ arguments: [String]) -> Int32 {
        let options: ClientOptions
        do {
            options = try ClientOptions.parse(arguments, environment: environment(["CHAT_TOKEN"]))
        } catch {
            FileOutput.complain("\(error.message) (see --help)")
            return 2
        }
        if options.showHelp {
            FileOutput.write(HelpText.usage + "\n", to: STDOUT_FILENO)
            return 0
        }
        if options.url.isSecure, !options.tls.verifiesCertificate { FileOutput.complain(insecureWarning) }
        guard !options.json, Terminal.isTerminal(STDIN_FILENO), Terminal.isTerminal(STDOUT_FILENO) else {
            return PipeMode.run(options)
        }
        return InteractiveMode.run(options, color: options.color && colorAllowed)
    }

    /// Said on stderr before connecting, in both modes.
    static let insecureWarning = "WARNING: --insecure: the server's certificate is NOT checked; "
        + "anyone between you and the server can pose as it and read and change everything, tokens included"

    /// The variables among `names` that are set.
    private static func environment(_ names: [String]) -> [String: String] {
        var values: [String: String] = [:]
        for name in names {
            if let value = getenv(name) { values[name] = String(cString: value) }
        }
        return values
    }

    /// The NO_COLOR convention (no-color.org), and terminals that declare they have none.
    private static var colorAllowed: Bool {
        let noColor = getenv("NO_COLOR").map { String(cString: $0) } ?? ""
        let term = getenv("TERM").map { String(cString: $0) } ?? ""
        return noColor.isEmpty && term != "dumb"
    }
}
