import Foundation
import Glibc
import SystemKit
import TestSupport

/// ws-client run with pipes for stdin, stdout and stderr, as a script would:
/// stdin can be written bit by bit and closed when the test decides, while
/// two threads drain the output (so a large echo never blocks the child).
final class PipeRun {
    private let child: ChildProcess
    private var input: Int32
    private let output = Drained()
    private let errors = Drained()
    private var status: Int32?

    /// Writing to a child that already exited must fail with EPIPE, not kill the test runner.
    private static let ignoringBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN) }()

    init(_ arguments: [String], environment: [String] = []) throws {
        Self.ignoringBrokenPipes
        let (stdinRead, stdinWrite) = try ChildProcess.pipe()
        let (stdoutRead, stdoutWrite) = try ChildProcess.pipe()
        let (stderrRead, stderrWrite) = try ChildProcess.pipe()
        defer { [stdinRead, stdoutWrite, stderrWrite].forEach { close($0) } }
        input = stdinWrite
        do {
            child = try ChildProcess(
                ClientBinary.path, arguments, stdin: .descriptor(stdinRead), stdout: .descriptor(stdoutWrite),
                stderr: .descriptor(stderrWrite), environment: ["TERM=dumb"] + environment)
        } catch {
            [stdinWrite, stdoutRead, stderrRead].forEach { close($0) }
            throw error
        }
        output.start(reading: stdoutRead)
        errors.start(reading: stderrRead)
    }

    deinit {
        closeInput()
        child.kill()
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

    /// Writes everything; a child that exited early just stops the writing.
    func write(bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count, input >= 0 {
            let count = bytes.withUnsafeBytes { Glibc.write(input, $0.baseAddress! + offset, $0.count - offset) }
            guard count > 0 || errno == EINTR else { return }
            offset += max(0, count)
        }
    }

    func closeInput() {
        guard input >= 0 else { return }
        close(input)
        input = -1
    }

    /// Everything printed so far.
    var stdout: String { String(decoding: output.bytes, as: UTF8.self) }
    var stderr: String { String(decoding: errors.bytes, as: UTF8.self) }

    /// Waits until stdout contains `text`; false after `timeout`.
    func waitForOutput(_ text: String, timeout: Double = 5) -> Bool {
        let deadline = MonotonicClock.seconds() + timeout
        while !stdout.contains(text) {
            guard MonotonicClock.seconds() < deadline else { return false }
            usleep(10_000)
        }
        return true
    }

    /// The exit status once the child exits and its output is drained; nil after `timeout`.
    func waitForExit(timeout: Double) -> Int32? {
        let deadline = MonotonicClock.seconds() + timeout
        while status == nil, MonotonicClock.seconds() < deadline {
            status = child.exitStatusIfExited()
            if status == nil { usleep(10_000) }
        }
        guard status != nil else { return nil }
        output.waitUntilDrained(timeout: max(0.1, deadline - MonotonicClock.seconds()))
        errors.waitUntilDrained(timeout: max(0.1, deadline - MonotonicClock.seconds()))
        return status
    }
}

/// One output pipe read to its end by a thread of its own, which then closes it.
final class Drained: @unchecked Sendable {
    private let lock = NSLock()
    private let ended = DispatchSemaphore(value: 0)
    private var collected: [UInt8] = []

    func start(reading fd: Int32) {
        Thread.detachNewThread { [self] in
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = read(fd, &buffer, buffer.count)
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { break }
                lock.withLock { collected += buffer[..<count] }
            }
            close(fd)
            ended.signal()
        }
    }

    var bytes: [UInt8] { lock.withLock { collected } }

    func waitUntilDrained(timeout: Double) {
        _ = ended.wait(timeout: .now() + timeout)
    }
}
