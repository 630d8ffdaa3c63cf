/// Running a program to its end and keeping what it printed.
extension ChildProcess {
    /// What a finished run printed and how it ended.
    public struct Outcome: Sendable {
        /// The exit code, or 128 + signal; nil when it ran over its time and was killed.
        public let status: Int32?
        public let output: String
        /// Empty when stderr went to `output`.
        public let errors: String
    }

    /// Runs `program` with `input` as stdin, for at most `timeout` seconds.
    /// Its output goes to files rather than pipes, which could fill and
    /// stall the child while the test waits for its exit.
    public static func run(
        _ program: String, _ arguments: [String], input: String = "", environment: [String]? = nil,
        mergingErrors: Bool = false, timeout: Double = 10
    ) throws -> Outcome {
        let directory = try Files.makeTemporaryDirectory()
        defer { Files.removeTree(directory) }
        let (inputFile, outputFile, errorFile) = (directory + "/stdin", directory + "/stdout", directory + "/stderr")
        try Files.write(Array(input.utf8), to: inputFile)
        let child = try ChildProcess(
            program, arguments, stdin: .file(inputFile), stdout: .file(outputFile),
            stderr: mergingErrors ? .descriptor(1) : .file(errorFile), environment: environment)
        let finished = child.hasExited(within: timeout)
        if !finished { child.kill() }
        let status = child.reap()
        return Outcome(status: finished ? status : nil, output: Files.read(outputFile), errors: Files.read(errorFile))
    }
}
