import Glibc

/// A `redis-server` started for one test: a free loopback port, its own
/// temporary directory, no persistence (`--save "" --appendonly no`), bound
/// to 127.0.0.1, optionally with `--requirepass`. `stop()` sends SIGTERM and
/// waits; deinit kills it if it still runs. Only its own PID is signalled.
///
/// Without `redis-server` on PATH, suites skip through `shouldRun`, unless
/// `CHAT_SERVER_REQUIRE_REDIS=1` makes them run and fail.
public final class RedisServerProcess {
    /// Why the server could not be started.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Set (to 1) in CI: a missing redis-server fails the tests rather than skipping them.
    public static let isRequired = getenv("CHAT_SERVER_REQUIRE_REDIS").map { String(cString: $0) == "1" } ?? false
    /// `redis-server` on PATH, as Debian's package installs it.
    public static let executable = ChildProcess.findOnPath("redis-server")
    public static var shouldRun: Bool { executable != nil || isRequired }

    public let port: Int
    public let password: String?
    let directory: String
    private let child: ChildProcess

    /// Starts the server and waits (at most `timeout` seconds) until it
    /// answers a PING; retries on a new port if the chosen one was taken.
    /// With `port`, that port and no other (a restart "of the same server").
    public init(password: String? = nil, extraArguments: [String] = [], timeout: Double = 10, port fixedPort: Int? = nil) throws {
        guard let executable = Self.executable else {
            throw Failure(description: "CHAT_SERVER_REQUIRE_REDIS=1 but there is no redis-server on PATH")
        }
        directory = try Files.makeTemporaryDirectory()
        self.password = password
        var lastError = ""
        for _ in 0..<3 {
            let port = try fixedPort ?? Self.freePort()
            let arguments = Self.arguments(port: port, directory: directory, password: password) + extraArguments
            let child = try ChildProcess(executable, arguments)
            if Self.waitUntilAnswering(port: port, child: child, timeout: timeout) {
                self.port = port
                self.child = child
                return
            }
            child.kill()
            lastError = Self.logTail(directory + "/redis.log")
        }
        Files.removeTree(directory)
        throw Failure(description: "redis-server did not start: \(lastError)")
    }

    deinit {
        child.kill()
        Files.removeTree(directory)
    }

    /// SIGTERM, then waits up to 10 s for the exit (SIGKILL after that).
    public func stop() {
        child.stop(timeout: 10)
    }

    /// SIGKILL now, as a crash would end it.
    public func kill() {
        child.kill()
    }

    /// Pauses (SIGSTOP) or resumes (SIGCONT) the server: a hung server keeps its sockets open.
    public func suspend(_ paused: Bool) {
        child.signal(paused ? SIGSTOP : SIGCONT)
    }

    static func arguments(port: Int, directory: String, password: String?) -> [String] {
        var arguments = [
            "--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
            "--dir", directory, "--logfile", directory + "/redis.log", "--daemonize", "no",
        ]
        if let password { arguments += ["--requirepass", password] }
        return arguments
    }
}
