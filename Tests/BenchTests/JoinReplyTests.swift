import BenchKit
import Testing

/// The join confirmation is recognised wherever the field sits, as wsload does.
@Suite("Join reply")
struct JoinReplyTests {
    private func matches(_ text: String) -> Bool {
        Array(text.utf8).withUnsafeBytes { JoinReply.matches($0) }
    }

    @Test func recognisesJoined() {
        #expect(matches(#"{"type":"joined","room":"bench","members":3}"#))
        #expect(matches(#"{"room":"bench","type" : "joined"}"#))
        #expect(matches("{\"type\"\n:\t\"joined\"}"))
    }

    @Test func ignoresEverythingElse() {
        #expect(!matches(#"{"type":"presence","event":"joined"}"#))
        #expect(!matches(#"{"type":"joinedx"}"#))
        #expect(!matches(#"{"kind":"joined"}"#))
        #expect(!matches(#"{"type":"#))
        #expect(!matches(""))
    }
}
