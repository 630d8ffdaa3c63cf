import Glibc
import TestSupport
import Testing

/// The chat page at `/` in a real headless Chromium (Debian's `chromium`),
/// driven over the DevTools protocol against a server on a free port, with
/// a second client speaking the chat protocol. Skipped when `chromium` is
/// missing, unless `CHAT_SERVER_REQUIRE_BROWSER=1` makes that a failure.
/// One browser at a time: the machines that run this have few cores.
///
/// `CHAT_SCREENSHOT=docs/chat-page.png` also saves the page mid-conversation
/// (and `docs/chat-page-phone.png` at 360 px).
@Suite("Chat page in headless Chromium", .serialized, .enabled(if: Chromium.shouldRun, "chromium is not installed"))
struct ChatPageBrowserTests {
    @Test(
        "loads, connects, chats both ways, renders HTML as text, fits a phone, lists rooms sparingly, resumes, shows v2 events, survives a restart",
        .timeLimit(.minutes(1)))
    func conversation() throws {
        let screenshot = getenv("CHAT_SCREENSHOT").map { String(cString: $0) }
        let scenario = try ChatPageScenario()
        defer { scenario.close() }
        try scenario.loadsAndConnects()
        try scenario.setsNickname()
        try scenario.chatsWithSecondClient()
        try scenario.rendersMarkupAsText()
        try scenario.switchesRoomsByKeyboard()
        if let screenshot { try scenario.screenshot(to: screenshot) }
        try scenario.fitsAPhone(screenshot: screenshot.map(Self.phoneVariant))
        try scenario.asksForTheRoomListSparingly()
        try scenario.recoversMissedMessages()
        try scenario.showsServerErrors()
        try scenario.showsVersion2Events()
        try scenario.survivesServerRestart()
    }

    @Test(
        "a refused token is said plainly and not retried; a token signs in, read-only, across a reload; a 1008 waits for the user",
        .timeLimit(.minutes(1)))
    func identity() throws {
        let scenario = try ChatPageScenario()
        defer { scenario.close() }
        try scenario.refusesATokenOnce()
        try scenario.reconnectsAsAGuest()
        try scenario.signsInWithAToken()
        try scenario.staysSignedInAfterAReload()
        try scenario.stopsAfterAPolicyClose()
    }

    /// The page's own scheme picks wss:, which its CSP (`connect-src 'self'`) allows.
    @Test("over https:// (throwaway certificate): loads, connects over wss://, chats with a wss:// client", .timeLimit(.minutes(1)))
    func overTLS() throws {
        let scenario = try ChatPageScenario(certificates: try TestCertificates.shared())
        defer { scenario.close() }
        try scenario.loadsAndConnects()
        try scenario.setsNickname()
        try scenario.chatsWithSecondClient()
        let socketURL = try scenario.page.evaluate("window.__urls[0]").stringValue ?? ""
        #expect(socketURL.hasPrefix("wss://127.0.0.1:\(scenario.server.port)/"), "\(socketURL)")
        #expect(try scenario.page.evaluate("window.__violations.length").intValue == 0)
    }

    /// `docs/chat-page.png` becomes `docs/chat-page-phone.png`.
    static func phoneVariant(of path: String) -> String {
        path.hasSuffix(".png") ? String(path.dropLast(4)) + "-phone.png" : path + "-phone"
    }
}
