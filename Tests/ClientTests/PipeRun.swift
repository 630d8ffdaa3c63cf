import Foundation

/// ws-client run with pipes for stdin, stdout and stderr, as a script
/// would; stdin can be written bit by bit and closed when the test decides.
final class PipeRun {
    let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private let errors = Pipe()
    private let collected = Collected()

    init(_ arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: ClientBinary.path)
        process.arguments = arguments
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let collected = self.collected, reader = output.fileHandleForReading
        Thread.detachNewThread {
            while case let chunk = reader.availableData, !chunk.isEmpty { collected.append(chunk) }
            collected.finish()
        }
    }

    /// Runs to the end with `stdin` as the whole input.
    static func run(_ arguments: [String], stdin: String, timeout: Double = 10) throws -> (status: Int32?, stdout: String, stderr: String) {
        let run = try PipeRun(arguments)
        run.write(stdin)
        run.closeInput()
        let status = run.waitForExit(timeout: timeout)
        return (status, run.stdout, run.stderr)
    }

    func write(_ text: String) {
        write(bytes: Array(text.utf8))
    }

    func write(bytes: [UInt8]) {
        input.fileHandleForWriting.write(Data(bytes))
    }

    func closeInput() {
        try? input.fileHandleForWriting.close()
    }

    /// Everything printed so far.
    var stdout: String { String(decoding: collected.data, as: UTF8.self) }

    var stderr: String {
        String(decoding: (try? errors.fileHandleForReading.readToEnd()) ?? Data(), as: UTF8.self)
    }

    /// Waits until stdout contains `text`; false after `timeout`.
    func waitForOutput(_ text: String, timeout: Double = 5) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while !stdout.contains(text) {
            guard Date() < deadline else { return false }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return true
    }

    /// The exit status, or nil (and the process killed) after `timeout`.
    func waitForExit(timeout: Double) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        guard !process.isRunning else {
            process.terminate()
            return nil
        }
        collected.waitUntilFinished(timeout: max(0.1, deadline.timeIntervalSinceNow))
        return process.terminationStatus
    }
}

/// Output gathered by a reader thread, up to the end of the stream.
final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private let ended = DispatchSemaphore(value: 0)
    private var bytes = Data()

    func append(_ data: Data) {
        lock.withLock { bytes.append(data) }
    }

    func finish() {
        ended.signal()
    }

    func waitUntilFinished(timeout: Double) {
        _ = ended.wait(timeout: .now() + timeout)
    }

    var data: Data { lock.withLock { bytes } }
}
