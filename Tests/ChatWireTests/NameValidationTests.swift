import Testing
@testable import ChatWire

/// Room names (ASCII set, 1-64) and nicknames (1-32 characters, not bytes).
@Suite("Room names and nicknames")
struct NameValidationTests {
    @Test(arguments: ["a", "Lobby", "room_1", "v1.2-beta", String(repeating: "x", count: 64), "-", "..."])
    func validRoomNames(_ name: String) {
        #expect(RoomName(name)?.value == name)
    }

    @Test(arguments: ["", String(repeating: "x", count: 65), "with space", "é", "a/b", "a#b", "lobby\n", " lobby", "😀", "a:b"])
    func invalidRoomNames(_ name: String) {
        #expect(RoomName(name) == nil)
    }

    @Test func roomNamesAreCaseSensitive() {
        #expect(RoomName("Lobby") != RoomName("lobby"))
    }

    @Test func nicknameLengthCountsCharactersNotBytes() {
        #expect(Nickname(String(repeating: "😀", count: 32)) != nil)
        #expect(Nickname(String(repeating: "😀", count: 33)) == nil)
        #expect(Nickname(String(repeating: "👩🏽‍💻", count: 32)) != nil)
        #expect(Nickname(String(repeating: "é", count: 32)) != nil)
        #expect(Nickname(String(repeating: "e\u{301}", count: 32)) != nil)
        #expect(Nickname(String(repeating: "a", count: 32)) != nil)
        #expect(Nickname(String(repeating: "a", count: 33)) == nil)
    }

    @Test func nicknameByteCapStopsStackedMarks() {
        let zalgo = "a" + String(repeating: "\u{301}", count: 300)
        #expect(zalgo.count == 1)
        #expect(Nickname(zalgo) == nil)
    }

    @Test func surroundingWhitespaceIsTrimmed() {
        #expect(Nickname("  bob ")?.value == "bob")
        #expect(Nickname("\u{3000}bob\u{A0}")?.value == "bob")
        #expect(Nickname("bob smith")?.value == "bob smith")
        #expect(Nickname(" " + String(repeating: "a", count: 32) + " ")?.value.count == 32)
    }

    @Test(arguments: ["", "   ", "\u{3000}"])
    func emptyNicknamesAreRejected(_ name: String) {
        #expect(Nickname(name) == nil)
    }

    @Test(arguments: [
        "a\u{0}b", "a\tb", "a\nb", "a\u{1B}[31mb", "a\u{7F}b", "a\u{85}b", "a\u{9F}b",
        "a\u{2028}b", "a\u{2029}b",
        "a\u{202A}b", "a\u{202B}b", "a\u{202C}b", "a\u{202D}b", "a\u{202E}b",
        "a\u{2066}b", "a\u{2067}b", "a\u{2068}b", "a\u{2069}b",
    ])
    func controlAndBidiCharactersAreRejected(_ name: String) {
        #expect(Nickname(name) == nil)
    }

    /// Issue: invisible format characters made `alice` and `alice\u{200B}`
    /// look alike; a character stacked with marks paints over other lines.
    @Test(arguments: [
        "alice\u{200B}", "al\u{200C}ice", "a\u{200D}b", "\u{200E}bob", "bob\u{200F}", "a\u{2060}b", "\u{FEFF}bob",
        "bob\u{E0041}", "a\u{AD}b", "a\u{2061}b", "e\u{301}\u{302}\u{303}\u{304}\u{305}",
    ])
    func invisibleCharactersAndStackedMarksAreRejected(_ name: String) {
        #expect(Nickname(name) == nil)
    }

    /// The two uses of format characters that draw one emoji stay allowed.
    @Test(arguments: ["👩\u{200D}💻", "👨\u{200D}👩\u{200D}👧", "🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}", "👍🏽", "ệ", "e\u{323}\u{302}"])
    func emojiSequencesAndOrdinaryMarksAreAccepted(_ name: String) {
        #expect(Nickname(name)?.value == name)
    }

    @Test(arguments: ["Zoë", "李小龙", "مرحبا", "guest-1", "😀🎉", "O'Brien"])
    func ordinaryNamesAreAccepted(_ name: String) {
        #expect(Nickname(name)?.value == name)
    }

    @Test func guestName() {
        #expect(Nickname.guest(serial: 42).value == "guest-42")
    }
}
