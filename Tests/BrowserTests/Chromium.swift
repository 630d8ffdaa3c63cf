import Glibc
import SystemKit
import TestSupport

/// A headless Chromium started for one test with its own temporary profile
/// and a DevTools port chosen by the kernel. It runs in its own process
/// group, so `stop()` can end it and every helper process it spawned, and
/// nothing else; `stop()` also removes the profile.
final class Chromium {
    /// Set (to 1) in CI: a missing Chromium fails the browser tests rather
    /// than skipping them.
    static let isRequired = getenv("CHAT_SERVER_REQUIRE_BROWSER").map { String(cString: $0) == "1" } ?? false
    /// `chromium` on PATH, as Debian's package installs it.
    static let executable = ChildProcess.findOnPath("chromium")
    static var shouldRun: Bool { executable != nil || isRequired }

    let child: ChildProcess
    let profile: String
    /// `ws://127.0.0.1:PORT/devtools/browser/ID`, from the stderr line.
    private(set) var browserURL = ""
    private var stopped = false

    /// Starts Chromium and waits (bounded) until DevTools listens.
    init(timeout: Double = 20) throws {
        guard let executable = Self.executable else {
            throw BrowserTestError("CHAT_SERVER_REQUIRE_BROWSER=1 but there is no chromium on PATH")
        }
        profile = try Files.makeTemporaryDirectory()
        do {
            child = try ChildProcess(
                executable, Self.arguments(profile: profile), stdout: .file(profile + "/chromium.log"), leadsGroup: true)
        } catch {
            Files.removeTree(profile)
            throw error
        }
        do {
            browserURL = try waitForDevTools(timeout: timeout)
        } catch {
            stop()
            throw error
        }
    }

    deinit { stop() }

    private static func arguments(profile: String) -> [String] {
        [
            "--headless=new", "--remote-debugging-port=0", "--user-data-dir=\(profile)",
            "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--no-default-browser-check", "--disable-background-networking", "--disable-component-update",
            "--disable-default-apps", "--disable-extensions", "--disable-sync", "--hide-scrollbars",
            "--mute-audio", "--lang=en-US", "--window-size=1100,700",
            // The https:// test serves a throwaway certificate.
            "--ignore-certificate-errors", "about:blank",
        ]
    }

    /// Ends the browser (politely, then by force) and any helper left in its
    /// process group, reaps it, and removes the profile. Idempotent.
    ///
    /// The browser is reaped only after the group is swept: until then its
    /// pid, which is the group's id, cannot be reused by another process.
    func stop() {
        guard !stopped else { return }
        stopped = true
        child.signal(SIGTERM)
        if !child.hasExited(within: 3) {
            child.signal(SIGKILL, group: true)
            _ = child.hasExited(within: 3)
        }
        child.signal(SIGKILL, group: true)
        child.reap()
        Files.removeTree(profile)
    }

    private func waitForDevTools(timeout: Double) throws -> String {
        let marker = "DevTools listening on "
        let deadline = MonotonicClock.seconds() + timeout
        while MonotonicClock.seconds() < deadline {
            let log = Files.read(profile + "/chromium.log")
            if let line = log.split(separator: "\n").first(where: { $0.hasPrefix(marker) }) {
                return String(line.dropFirst(marker.count))
            }
            if child.hasExited() {
                throw BrowserTestError("chromium exited before DevTools listened:\n\(log.suffix(2000))")
            }
            MonotonicClock.sleep(0.02)
        }
        throw BrowserTestError("no 'DevTools listening' line from chromium within \(timeout) s")
    }
}
