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
    public static let executable = findOnPath("redis-server")
    public static var shouldRun: Bool { executable != nil || isRequired }

    public let port: Int
    public let pid: pid_t
    public let password: String?
    let directory: String
    private var exited = false

    /// Starts the server and waits (at most `timeout` seconds) until it
    /// answers a PING; retries on a new port if the chosen one was taken.
    /// With `port`, that port and no other (a restart "of the same server").
    public init(password: String? = nil, extraArguments: [String] = [], timeout: Double = 10, port fixedPort: Int? = nil) throws {
        guard let executable = Self.executable else {
            throw Failure(description: "CHAT_SERVER_REQUIRE_REDIS=1 but there is no redis-server on PATH")
        }
        directory = try Self.makeTemporaryDirectory()
        self.password = password
        var lastError = ""
        for _ in 0..<3 {
            let port = try fixedPort ?? Self.freePort()
            let arguments = Self.arguments(port: port, directory: directory, password: password) + extraArguments
            let pid = try Self.spawn(executable, arguments, log: directory + "/redis.log")
            if Self.waitUntilAnswering(port: port, pid: pid, timeout: timeout) {
                self.port = port
                self.pid = pid
                return
            }
            Self.killAndReap(pid)
            lastError = Self.logTail(directory + "/redis.log")
        }
        Self.removeDirectory(directory)
        throw Failure(description: "redis-server did not start: \(lastError)")
    }

    deinit {
        if !exited { Self.killAndReap(pid) }
        Self.removeDirectory(directory)
    }

    /// SIGTERM, then waits up to 10 s for the exit (SIGKILL after that).
    public func stop() {
        guard !exited else { return }
        exited = true
        Glibc.kill(pid, SIGTERM)
        if !Self.waitForExit(pid, timeout: 10) { Glibc.kill(pid, SIGKILL) }
        Self.reap(pid)
    }

    /// SIGKILL now, as a crash would end it.
    public func kill() {
        guard !exited else { return }
        exited = true
        Self.killAndReap(pid)
    }

    /// Pauses (SIGSTOP) or resumes (SIGCONT) the server: a hung server keeps its sockets open.
    public func suspend(_ paused: Bool) {
        guard !exited else { return }
        Glibc.kill(pid, paused ? SIGSTOP : SIGCONT)
    }

    static func arguments(port: Int, directory: String, password: String?) -> [String] {
        var arguments = [
            "redis-server", "--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
            "--dir", directory, "--logfile", directory + "/redis.log", "--daemonize", "no",
        ]
        if let password { arguments += ["--requirepass", password] }
        return arguments
    }
}
