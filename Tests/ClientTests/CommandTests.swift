import ChatClient
import Testing

/// What a typed line means.
@Suite("Command")
struct CommandTests {
    @Test func parsesEveryCommand() {
        #expect(Command(line: "/join dev") == .join("dev"))
        #expect(Command(line: "/join #dev") == .join("dev"))
        #expect(Command(line: "/leave dev") == .leave("dev"))
        #expect(Command(line: "/switch  dev ") == .switchTo("dev"))
        #expect(Command(line: "/nick Ann Lee") == .nick("Ann Lee"))
        #expect(Command(line: "/rooms") == .rooms)
        #expect(Command(line: "/who") == .who(nil))
        #expect(Command(line: "/who dev") == .who("dev"))
        #expect(Command(line: "/broadcast hello  all") == .broadcast("hello  all"))
        #expect(Command(line: "/quit") == .quit)
        #expect(Command(line: "/help") == .help)
        #expect(Command(line: "/JOIN x") == .join("x"))
    }

    @Test func otherLinesAreMessages() {
        #expect(Command(line: "hello /join") == .say("hello /join"))
        #expect(Command(line: "//join is a command") == .say("/join is a command"))
        #expect(Command(line: "") == .say(""))
    }

    @Test func explainsMistakes() {
        #expect(Command(line: "/join") == .invalid("usage: /join ROOM"))
        #expect(Command(line: "/nick   ") == .invalid("usage: /nick NAME"))
        guard case .invalid(let why) = Command(line: "/frobnicate") else {
            Issue.record("expected invalid")
            return
        }
        #expect(why.contains("unknown command /frobnicate"))
    }
}
