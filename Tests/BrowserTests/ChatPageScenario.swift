import SystemKit
import TestSupport
import Testing
import WSClient
import WSProtocol

/// One browser session against one chat-server: Chromium showing the page,
/// the DevTools session driving it, and the second client. `close()` (also
/// run on every failure path by the test's `defer`) ends all of them. With
/// `certificates`, the server speaks https:// and wss:// only.
final class ChatPageScenario {
    var server: TestServer
    let certificates: TestCertificates?
    let browser: Chromium
    let page: DevTools
    var peer: ChatPeer?

    /// Records, before the page's own script runs, the address of every
    /// WebSocket the page opens (and the latest socket, so the test can drop
    /// it or hand it events), what the page sends on it and every event it
    /// is handed, any Content-Security-Policy violation and any uncaught error.
    ///
    /// Hooks let a test play what the server cannot do yet: a frame for
    /// which `window.__withhold` returns true is recorded but not sent (the
    /// test answers it), `window.__rewrite` may change each event's text
    /// before the page sees it (adding the fields a server with sign-in
    /// tokens would send), and `window.__route` may send a socket to another
    /// address than the one the page asked for (which `__urls` keeps).
    static let spy = """
        (() => {
          window.__urls = [];
          window.__sent = [];
          window.__received = [];
          window.__withhold = null;
          window.__rewrite = null;
          window.__route = null;
          window.__violations = [];
          window.__errors = [];
          window.addEventListener('error', (event) => window.__errors.push(event.message));
          document.addEventListener('securitypolicyviolation',
            (event) => window.__violations.push(event.violatedDirective + ' ' + event.blockedURI));
          const Native = WebSocket;
          window.WebSocket = class extends Native {
            constructor(url, protocols) {
              super(window.__route ? window.__route(String(url)) : url, protocols);
              window.__urls.push(String(url));
              window.__socket = this;
            }
            get onmessage() {
              return super.onmessage;
            }
            set onmessage(handler) {
              super.onmessage = (event) => {
                window.__received.push(String(event.data));
                handler.call(this, window.__rewrite
                  ? new MessageEvent('message', { data: window.__rewrite(event.data) }) : event);
              };
            }
          };
          const send = Native.prototype.send;
          Native.prototype.send = function (data) {
            window.__sent.push(String(data));
            if (window.__withhold && window.__withhold(String(data))) return;
            return send.call(this, data);
          };
        })();
        """

    init(certificates: TestCertificates? = nil) throws {
        self.certificates = certificates
        server = try Self.startServer(certificates: certificates)
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

    private static func startServer(port: Int = 0, certificates: TestCertificates?) throws -> TestServer {
        try TestServer(port: port) { config in
            config.shutdownTimeout = 2
            config.tlsCertificateFile = certificates?.certificateFile
            config.tlsKeyFile = certificates?.keyFile
        }
    }

    var baseURL: String { "\(certificates == nil ? "http" : "https")://127.0.0.1:\(server.port)/" }

    /// How the second client trusts the server: nil over plain ws://.
    var peerTrust: TLSClientOptions? { certificates?.trust }

    /// Opens the page at `address` (after the server's `/`), with `scripts`
    /// run after the spy and before the page's own script on every load.
    func open(_ address: String = "", scripts: [String] = [], width: Int = 1000, height: Int = 620) throws {
        try page.call("Page.enable")
        try page.call("Network.enable")
        for script in [Self.spy] + scripts {
            try page.call("Page.addScriptToEvaluateOnNewDocument", ["source": .string(script)])
        }
        try page.call("Emulation.setFocusEmulationEnabled", ["enabled": .bool(true)])
        try setViewport(width: width, height: height, mobile: false)
        try navigate(to: baseURL + address)
    }

    func navigate(to url: String) throws {
        try page.call("Page.navigate", ["url": .string(url)])
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
        let deadline = MonotonicClock.seconds() + 5
        while true {
            do {
                server = try Self.startServer(port: port, certificates: certificates)
                return
            } catch where MonotonicClock.seconds() < deadline {
                MonotonicClock.sleep(0.05)
            }
        }
    }

    /// Hands `event` (JSON text) to the page as if the server had sent it on
    /// the current socket: for events this server cannot send yet.
    func inject(_ event: String) throws {
        try page.evaluate("window.__socket.dispatchEvent(new MessageEvent('message', { data: \(jsString(event)) }))")
    }

    /// How many frames of `type` the page has sent so far.
    func sentCount(_ type: String) throws -> Int {
        let count = try page.evaluate("""
            window.__sent.filter((text) => { try { return JSON.parse(text).type === \(jsString(type)); } catch (error) { return false; } }).length
            """)
        guard let value = count.intValue else { throw BrowserTestError("no count of sent \(type): \(count)") }
        return value
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
