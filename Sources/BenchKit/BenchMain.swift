import Glibc

/// Parses the command line, runs the scenario and prints the report.
public enum BenchMain {
    public static func run(_ arguments: [String]) -> Int32 {
        let options: BenchOptions
        do {
            options = try BenchOptions.parse(arguments)
        } catch {
            complain("\(error.message) (see --help)")
            return 2
        }
        if options.showHelp {
            emit(HelpText.usage + "\n")
            return 0
        }
        if options.insecure {
            complain("WARNING: --insecure: the server's certificate is NOT checked, for any name; anyone on the path can read and change this traffic. Use it only against your own test server.")
        }
        let limit = DescriptorLimit.raise()
        if options.clients + 32 > limit {
            complain("warning: \(options.clients) connections need ~\(options.clients + 32) descriptors but the limit is \(limit); expect emfile failures")
        }
        do {
            let report = try LoadGenerator(options: options).run()
            emit(report.text + (options.json ? report.json + "\n" : ""))
            return report.exitCode
        } catch {
            complain(error.message)
            return 2
        }
    }

    private static func emit(_ text: String) {
        var rest = Array(text.utf8)[...]
        while !rest.isEmpty {
            let written = rest.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            rest = rest.dropFirst(written)
        }
    }

    private static func complain(_ text: String) {
        let line = Array("ws-bench: \(text)\n".utf8)
        _ = line.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }
}
