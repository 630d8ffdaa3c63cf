import BenchKit
import Testing
import TestSupport

/// The marker's text form and the scan that finds it inside whatever the server sends.
@Suite("Latency marker")
struct LatencyMarkerTests {
    private func encoded(_ marker: LatencyMarker) -> String {
        withUnsafeTemporaryAllocation(byteCount: LatencyMarker.maxLength, alignment: 1) { buffer in
            let count = marker.write(to: buffer.baseAddress!)
            return String(decoding: UnsafeRawBufferPointer(rebasing: buffer[..<count]), as: UTF8.self)
        }
    }

    private func scan(_ text: String) -> [LatencyMarker] {
        Array(text.utf8).withUnsafeBytes { bytes in
            var offset = 0
            var found: [LatencyMarker] = []
            while let marker = LatencyMarker.next(in: bytes, from: &offset) { found.append(marker) }
            return found
        }
    }

    @Test func writesWsloadsFormat() {
        #expect(encoded(LatencyMarker(sender: 7, sequence: 0, sentAt: 1_234_567_890_123)) == "@T7:0:1234567890123@")
        #expect(encoded(LatencyMarker(sender: 0, sequence: 100, sentAt: 9)) == "@T0:100:9@")
    }

    @Test func roundTripsEveryDigitCount() {
        var generator = SeededSplitMix(seed: 7)
        for digits in 1...19 {
            var limit: UInt64 = 1
            for _ in 0..<digits { limit *= 10 }
            let value = limit / 10 + generator.next() % (limit - limit / 10)
            let marker = LatencyMarker(sender: value % 1_000_000, sequence: value, sentAt: value)
            #expect(encoded(marker).count == 5 + LatencyMarker.digitCount(value % 1_000_000) + 2 * digits)
            #expect(scan(encoded(marker)) == [marker])
        }
    }

    @Test func findsMarkersInsideTheServersJSON() {
        let text = #"{"type":"message","room":"bench","seq":12,"id":"c@T","text":"@T3:4:5@abcdef","ts":1}"#
        #expect(scan(text) == [LatencyMarker(sender: 3, sequence: 4, sentAt: 5)])
    }

    @Test func findsEveryMarkerInOneMessage() {
        #expect(scan("@T1:2:3@xx@T4:5:6@@T7:8:9@") == [
            LatencyMarker(sender: 1, sequence: 2, sentAt: 3),
            LatencyMarker(sender: 4, sequence: 5, sentAt: 6),
            LatencyMarker(sender: 7, sequence: 8, sentAt: 9),
        ])
    }

    @Test(arguments: ["", "@", "@T", "@T1", "@T1:2", "@T1:2:3", "@T1:2@", "@T:1:2@", "@Tx:1:2@", "@t1:2:3@", "@T1:2:3:4",
                      "@T1:2:12345678901234567890@"])
    func ignoresMalformedMarkers(_ text: String) {
        #expect(scan(text).isEmpty)
    }

    @Test func aBrokenMarkerDoesNotHideTheNextOne() {
        #expect(scan("@T1:2@T3:4:5@") == [LatencyMarker(sender: 3, sequence: 4, sentAt: 5)])
    }

    @Test func countsDigits() {
        #expect(LatencyMarker.digitCount(0) == 1)
        #expect(LatencyMarker.digitCount(9) == 1)
        #expect(LatencyMarker.digitCount(10) == 2)
        #expect(LatencyMarker.digitCount(999_999) == 6)
        #expect(LatencyMarker.digitCount(UInt64.max) == 20)
    }
}
