import TestSupport
import Testing
import WSProtocol

/// Section 8.1: text must be valid UTF-8, checked as it streams in and
/// failed with 1007 at the first byte that cannot be, across fragments.
@Suite("RFC 6455 §8.1: UTF-8")
struct Section8_1UTF8Tests {
    static let roles: [Role] = [.server, .client]
    static let edgeBytes: [UInt8] = [0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0,
                                     0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF]

    static func randomBytes(using generator: inout SeededSplitMix) -> [UInt8] {
        var bytes: [UInt8] = []
        for _ in 0..<Int.random(in: 0...10, using: &generator) {
            switch Int.random(in: 0..<10, using: &generator) {
            case 0..<3: bytes += (0..<Int.random(in: 1...12, using: &generator)).map { _ in UInt8.random(in: 0...0x7F, using: &generator) }
            case 3..<6: bytes += randomScalar(using: &generator)
            case 6..<8: bytes.append(edgeBytes.randomElement(using: &generator) ?? 0)
            default: bytes.append(UInt8.random(in: 0x80...0xFF, using: &generator))
            }
        }
        return bytes
    }

    static func randomScalar(using generator: inout SeededSplitMix) -> [UInt8] {
        let ranges: [ClosedRange<UInt32>] = [0x80...0x7FF, 0x800...0xD7FF, 0xE000...0xFFFF, 0x10000...0x10FFFF]
        let value = UInt32.random(in: ranges.randomElement(using: &generator) ?? ranges[0], using: &generator)
        return Unicode.Scalar(value).map { Array(String($0).utf8) } ?? []
    }

    // MARK: UTF8Validator

    @Test("UTF8Validator agrees with Swift's UTF-8 decoding on seeded random bytes")
    func randomAgainstSwift() {
        var generator = SeededSplitMix(seed: 6455)
        for _ in 0..<3000 {
            let bytes = Self.randomBytes(using: &generator)
            let reference = UTF8Verdict.reference(bytes)
            #expect(UTF8Verdict.bytewise(bytes) == reference, "bytes \(bytes)")
            var whole = UTF8Validator()
            let wholeValid = whole.validate(bytes) && whole.isComplete
            #expect(wholeValid == (String(validating: bytes, as: UTF8.self) != nil), "bytes \(bytes)")
        }
    }

    @Test("UTF8Validator gives the same verdict at every split point")
    func randomAcrossSplits() {
        var generator = SeededSplitMix(seed: 8_1)
        let fixed = [FrameTestBytes.autobahnSurrogate, Array("κόσμε 😀 ascii-run-of-sixteen".utf8)]
        for bytes in fixed + (0..<200).map({ _ in Self.randomBytes(using: &generator) }) {
            let verdict = FrameFeedSplitter.decodeAllWays(bytes, UTF8Verdict.pieces)
            let reference = UTF8Verdict.reference(bytes)
            #expect(verdict == [reference.failsAt == nil, reference.isComplete], "bytes \(bytes)")
        }
    }

    @Test("every two-byte sequence, and three-byte ones at the table 3-7 edges")
    func exhaustiveShortSequences() {
        for first in UInt8.min...UInt8.max {
            for second in UInt8.min...UInt8.max {
                let bytes = [first, second]
                #expect(UTF8Verdict.bytewise(bytes) == UTF8Verdict.reference(bytes), "bytes \(bytes)")
            }
        }
        for lead in UInt8(0xE0)...0xF4 {
            for second in Self.edgeBytes {
                for third in Self.edgeBytes {
                    let bytes = [lead, second, third, 0x80]
                    #expect(UTF8Verdict.bytewise(bytes) == UTF8Verdict.reference(bytes), "bytes \(bytes)")
                }
            }
        }
    }

    @Test("table 3-7 boundaries", arguments: [
        ("c2 80", true), ("df bf", true), ("c0 80", false), ("c1 bf", false),
        ("e0 a0 80", true), ("e0 9f bf", false), ("ed 9f bf", true), ("ed a0 80", false), ("ed bf bf", false),
        ("ee 80 80", true), ("ef bf bf", true), ("f0 90 80 80", true), ("f0 8f bf bf", false),
        ("f4 8f bf bf", true), ("f4 90 80 80", false), ("f5 80 80 80", false), ("ff", false), ("80", false),
    ])
    func table37(hex: String, isValid: Bool) {
        var validator = UTF8Validator()
        let valid = validator.validate(FrameTestBytes.hex(hex)) && validator.isComplete
        #expect(valid == isValid)
    }

    @Test("a bad byte is found at every position of an ASCII run, at every alignment", arguments: [UInt8(0x80), 0xC0, 0xFF])
    func asciiFastPath(bad: UInt8) {
        for offset in 0..<8 {
            for position in 0..<24 {
                var bytes = [UInt8](repeating: 0x61, count: offset + 24)
                bytes[offset + position] = bad
                let verdict = bytes.withUnsafeBytes { buffer in
                    var validator = UTF8Validator()
                    return validator.validate(UnsafeRawBufferPointer(rebasing: buffer[offset...]))
                }
                #expect(!verdict, "offset \(offset), bad byte at \(position)")
            }
        }
    }

    @Test("a truncated scalar is incomplete, not invalid, until more arrives")
    func truncatedIsIncomplete() {
        var validator = UTF8Validator()
        let prefixValid = validator.validate(FrameTestBytes.hex("61 f0 9f 98"))
        #expect(prefixValid && !validator.isComplete)
        let restValid = validator.validate([0x80])
        #expect(restValid && validator.isComplete)
        validator.reset()
        #expect(validator == UTF8Validator())
    }

    // MARK: Sessions

    @Test("Autobahn 6.4.x: text fails with 1007 at ed a0, mid-frame", arguments: roles)
    func failFastInFrame(role: Role) {
        let frame = PeerFrames.frame(.text, FrameTestBytes.autobahnSurrogate, to: role)
        let headerLength = frame.count - FrameTestBytes.autobahnSurrogate.count
        let failure = SessionHarness.firstFailure(in: frame, role: role)
        #expect(failure == SessionFailurePoint(byte: headerLength + FrameTestBytes.autobahnFailIndex, error: .invalidUTF8))
        SessionHarness.decodeAllWays(frame + PeerFrames.trailer(to: role), role: role).expectOnlyFailure(.invalidUTF8)
    }

    @Test("Autobahn 6.4.x: fails at ed a0 whichever fragment boundary comes first", arguments: roles)
    func failFastAcrossFragments(role: Role) {
        let text = FrameTestBytes.autobahnSurrogate
        for cut in 1...FrameTestBytes.autobahnFailIndex {
            let first = PeerFrames.frame(.text, Array(text[..<cut]), fin: false, to: role)
            let second = PeerFrames.frame(.continuation, Array(text[cut...]), to: role)
            let secondHeader = second.count - (text.count - cut)
            let expected = first.count + secondHeader + FrameTestBytes.autobahnFailIndex - cut
            #expect(SessionHarness.firstFailure(in: first + second, role: role) == SessionFailurePoint(byte: expected, error: .invalidUTF8), "cut at \(cut)")
        }
        let input = PeerFrames.frame(.text, Array(text[..<12]), fin: false, to: role)
            + PeerFrames.frame(.continuation, Array(text[12...]), to: role) + PeerFrames.trailer(to: role)
        SessionHarness.decodeAllWays(input, role: role).expectOnlyFailure(.invalidUTF8)
    }

    @Test("a valid text split inside characters across fragments is delivered", arguments: roles)
    func validAcrossFragments(role: Role) {
        let text = Array("κόσμε 😀 €".utf8)
        for cut in 0...text.count {
            let input = PeerFrames.frame(.text, Array(text[..<cut]), fin: false, to: role)
                + PeerFrames.frame(.continuation, Array(text[cut...]), to: role)
            let outcome = SessionHarness.decodeAllWays(input, role: role)
            #expect(outcome.events == [.text(text)], "cut at \(cut)")
        }
    }

    @Test("text ending inside a character fails with 1007", arguments: ["ce", "ce ba e1 bd", "f0 9f 98"], roles)
    func truncatedAtMessageEnd(hex: String, role: Role) {
        let bytes = FrameTestBytes.hex(hex)
        let single = PeerFrames.frame(.text, bytes, to: role)
        SessionHarness.decodeAllWays(single + PeerFrames.trailer(to: role), role: role).expectOnlyFailure(.invalidUTF8)
        let fragmented = PeerFrames.frame(.text, bytes, fin: false, to: role) + PeerFrames.frame(.continuation, [], to: role)
        SessionHarness.decodeAllWays(fragmented, role: role).expectOnlyFailure(.invalidUTF8)
    }

    @Test("binary messages are not checked as UTF-8", arguments: roles)
    func binaryNotValidated(role: Role) {
        let bytes = FrameTestBytes.autobahnSurrogate + [0xFF, 0xCE]
        let outcome = SessionHarness.decodeAllWays(PeerFrames.frame(.binary, bytes, to: role), role: role)
        #expect(outcome.events == [.binary(bytes)])
    }
}
