import TestSupport
import Testing
import WSProtocol
import WSServer

/// One browser session against one chat-server: Chromium showing the page,
/// the DevTools session driving it, and the second client. `close()` (also
/// run on every failure path by the test's `defer`) ends all of them.
final class ChatPageScenario {
    var server: TestServer
    let browser: Chromium
    let page: DevTools
    var peer: ChatPeer?

    /// Records, before the page's own script runs, what the page sends on
    /// its WebSocket (and the socket, so the test can drop it), any
    /// Content-Security-Policy violation and any uncaught error.
    static let spy = """
        (() => {
          window.__sent = [];
          window.__violations = [];
          window.__errors = [];
          window.addEventListener('error', (event) => window.__errors.push(event.message));
          document.addEventListener('securitypolicyviolation',
            (event) => window.__violations.push(event.violatedDirective + ' ' + event.blockedURI));
          const send = WebSocket.prototype.send;
          WebSocket.prototype.send = function (data) {
            window.__socket = this;
            window.__sent.push(String(data));
            return send.call(this, data);
          };
        })();
        """

    init() throws {
        server = try TestServer { $0.shutdownTimeout = 2 }
        do {
            browser = try Chromium()
            page = try DevTools(url: DevTools.pageURL(browserURL: browser.browserURL))
        } catch {
            server.stop()
            throw error
        }
    }

    func close() {
        peer?.close()
        page.close()
        browser.stop()
        server.stop()
    }

    var baseURL: String { "http://127.0.0.1:\(server.port)/" }

    func open(width: Int = 1000, height: Int = 620) throws {
        try page.call("Page.enable")
        try page.call("Network.enable")
        try page.call("Page.addScriptToEvaluateOnNewDocument", ["source": .string(Self.spy)])
        try page.call("Emulation.setFocusEmulationEnabled", ["enabled": .bool(true)])
        try setViewport(width: width, height: height, mobile: false)
        try page.call("Page.navigate", ["url": .string(baseURL)])
    }

    func setViewport(width: Int, height: Int, mobile: Bool) throws {
        try page.call("Emulation.setDeviceMetricsOverride", [
            "width": .number(String(width)), "height": .number(String(height)),
            "deviceScaleFactor": .number("1"), "mobile": .bool(mobile),
        ])
    }

    /// Writes a PNG of the viewport to `path`.
    func screenshot(to path: String) throws {
        let result = try page.call("Page.captureScreenshot", ["format": .string("png")])
        guard let data = result["data"]?.stringValue, let png = Base64.decode(data) else {
            throw BrowserTestError("no screenshot data")
        }
        try Files.write(png, to: path)
    }

    /// Cuts the page off the network (existing connections stay) or back on.
    func setOffline(_ offline: Bool) throws {
        try page.call("Network.emulateNetworkConditions", [
            "offline": .bool(offline), "latency": .number("0"),
            "downloadThroughput": .number("-1"), "uploadThroughput": .number("-1"),
        ])
    }

    /// Stops the server and starts a new one on the same port. The port is
    /// free once the old listener closed, but allow a moment for it.
    func restartServer() throws {
        let port = server.port
        server.stop()
        let deadline = TestClock.now() + 5
        while true {
            do {
                server = try TestServer(port: port) { $0.shutdownTimeout = 2 }
                return
            } catch where TestClock.now() < deadline {
                TestClock.sleep(0.05)
            }
        }
    }

    // MARK: Reading the page

    /// A JS expression for the log of `room`.
    static func log(_ room: String) -> String {
        "document.querySelector('.log[data-room=\(jsString(room))]')"
    }

    /// A JS condition: the log of `room` has a line whose text is `text`.
    static func logHas(_ room: String, text: String, selector: String = ".msg .text") -> String {
        "[...\(log(room)).querySelectorAll(\(jsString(selector)))].some((node) => node.textContent === \(jsString(text)))"
    }

    /// A JS condition: some line in the log of `room` contains `fragment`.
    static func logMentions(_ room: String, _ fragment: String) -> String {
        "[...\(log(room)).children].some((node) => node.textContent.includes(\(jsString(fragment))))"
    }

    static func tab(_ room: String) -> String {
        "document.querySelector('[role=tab][data-room=\(jsString(room))]')"
    }

    static let focusIsOnMessageBox = "document.activeElement === document.getElementById('message')"
    static let isConnected = "(document.getElementById('status').dataset.state === 'connected')"

    /// Types `text` into the focused element and presses Enter.
    func enter(_ text: String) throws {
        try page.type(text)
        try page.pressEnter()
    }

    func focus(_ id: String) throws {
        try page.evaluate("document.getElementById(\(jsString(id))).focus()")
    }
}
