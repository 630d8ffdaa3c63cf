import Glibc
import Testing

/// The chat page at `/` in a real headless Chromium (Debian's `chromium`),
/// driven over the DevTools protocol against a server on a free port, with
/// a second client speaking the chat protocol. Skipped when `chromium` is
/// missing, unless `CHAT_SERVER_REQUIRE_BROWSER=1` makes that a failure.
///
/// `CHAT_SCREENSHOT=docs/chat-page.png` also saves the page mid-conversation
/// (and `docs/chat-page-phone.png` at 360 px).
@Suite("Chat page in headless Chromium")
struct ChatPageBrowserTests {
    @Test(
        "loads, connects, chats both ways, renders HTML as text, fits a phone, resumes, survives a restart",
        .enabled(if: Chromium.shouldRun, "chromium is not installed"),
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
        try scenario.recoversMissedMessages()
        try scenario.showsServerErrors()
        try scenario.survivesServerRestart()
    }

    /// `docs/chat-page.png` becomes `docs/chat-page-phone.png`.
    static func phoneVariant(of path: String) -> String {
        path.hasSuffix(".png") ? String(path.dropLast(4)) + "-phone.png" : path + "-phone"
    }
}
