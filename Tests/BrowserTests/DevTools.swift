import ChatWire
import SystemKit
import WSClient
import WSProtocol
import WSServer

/// A Chrome DevTools Protocol session over `WebSocketClient`: numbered
/// commands with their results, events skipped (none of the enabled domains'
/// events matter here), and bounded polling of the page's state.
final class DevTools {
    private let client: WebSocketClient
    private var nextID = 1

    init(url: String) throws {
        client = try WebSocketClient.connect(to: WebSocketURL(parsing: url), timeout: 10)
    }

    /// The DevTools address of the browser's first page, found through the
    /// browser-wide endpoint that Chromium printed.
    static func pageURL(browserURL: String) throws -> String {
        let browser = try DevTools(url: browserURL)
        let targets = try browser.call("Target.getTargets")["targetInfos"]?.arrayValue ?? []
        var id = targets.first { $0["type"]?.stringValue == "page" }?["targetId"]?.stringValue
        if id == nil {
            id = try browser.call("Target.createTarget", ["url": .string("about:blank")])["targetId"]?.stringValue
        }
        guard let id, let authority = browserURL.split(separator: "/").dropFirst().first else {
            throw BrowserTestError("no page target in \(targets)")
        }
        try? browser.client.close()
        return "ws://\(authority)/devtools/page/\(id)"
    }

    /// Sends one command and waits up to `timeout` seconds for its result.
    @discardableResult
    func call(_ method: String, _ params: [String: JSONValue] = [:], timeout: Double = 10) throws -> JSONValue {
        let id = nextID
        nextID += 1
        let command = JSONValue.object([
            .init("id", .number(String(id))), .init("method", .string(method)),
            .init("params", .object(params.map { JSONValue.Member($0.key, $0.value) })),
        ])
        var writer = JSONWriter()
        writer.value(command)
        try client.send(text: String(decoding: writer.bytes, as: UTF8.self))
        return try awaitResult(id: id, method: method, deadline: MonotonicClock.seconds() + timeout)
    }

    private func awaitResult(id: Int, method: String, deadline: Double) throws -> JSONValue {
        while true {
            let left = deadline - MonotonicClock.seconds()
            guard left > 0, let event = try client.next(timeout: left) else {
                throw BrowserTestError("no answer to \(method) in time")
            }
            guard let text = event.text else {
                if case .ping = event { continue }
                throw BrowserTestError("DevTools connection ended: \(event)")
            }
            let reply = try Self.parse(text)
            guard reply["id"]?.intValue == id else { continue }
            if let error = reply["error"] { throw BrowserTestError("\(method) failed: \(error)") }
            return reply["result"] ?? .null
        }
    }

    static func parse(_ text: String) throws -> JSONValue {
        var copy = text
        return try copy.withUTF8 { try JSONParser.parse($0, options: .init(maxDepth: 512, replacesLoneSurrogates: true)) }
    }

    // MARK: The page

    /// Evaluates `expression` in the page (awaiting a promise) and returns its value.
    @discardableResult
    func evaluate(_ expression: String) throws -> JSONValue {
        let result = try call("Runtime.evaluate", [
            "expression": .string(expression), "returnByValue": .bool(true), "awaitPromise": .bool(true),
        ])
        if let details = result["exceptionDetails"] {
            let message = details["exception"]?["description"]?.stringValue ?? details["text"]?.stringValue ?? "?"
            throw BrowserTestError("page threw evaluating \(expression): \(message)")
        }
        return result["result"]?["value"] ?? .null
    }

    /// Polls the boolean `condition` until it holds, for at most `timeout`
    /// seconds; on failure the message shows `what` and the page's state.
    func waitUntil(_ what: String, _ condition: String, timeout: Double = 10) throws {
        let deadline = MonotonicClock.seconds() + timeout
        while MonotonicClock.seconds() < deadline {
            // Until the page has loaded, its elements may be missing: not yet, not an error.
            if try evaluate("(() => { try { return Boolean(\(condition)); } catch (error) { return false; } })()")
                .boolValue == true { return }
            MonotonicClock.sleep(0.025)
        }
        throw BrowserTestError("timed out after \(timeout) s waiting for \(what); page: \(try snapshot())")
    }

    /// The status line and the end of the visible log, for failure messages.
    func snapshot() throws -> String {
        try evaluate("""
            document.getElementById('status').textContent + ' | ' + [...document.querySelectorAll(
              '.panel:not([hidden]) .log > *')].slice(-8).map((line) => line.textContent).join(' / ')
            """).stringValue ?? "?"
    }

    /// Types `text` into the focused element, as an input method would.
    func type(_ text: String) throws {
        try call("Input.insertText", ["text": .string(text)])
    }

    /// Presses and releases a key; `text` is what the key types (`"\r"` for
    /// Enter, which is what submits a form).
    func press(_ key: String, code: Int, text: String? = nil) throws {
        var event: [String: JSONValue] = [
            "type": .string("keyDown"), "key": .string(key), "code": .string(key),
            "windowsVirtualKeyCode": .number(String(code)),
        ]
        if let text { event["text"] = .string(text) }
        try call("Input.dispatchKeyEvent", event)
        event["type"] = .string("keyUp")
        event["text"] = nil
        try call("Input.dispatchKeyEvent", event)
    }

    func pressEnter() throws {
        try press("Enter", code: 13, text: "\r")
    }

    func close() {
        try? client.close()
    }
}

/// A Swift string as a JavaScript string literal (JSON is a subset of JS).
func jsString(_ text: String) -> String {
    var writer = JSONWriter()
    writer.string(text)
    return String(decoding: writer.bytes, as: UTF8.self)
}
