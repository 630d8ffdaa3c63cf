import Testing
import WSProtocol

@Suite("RFC 4648 §5 / RFC 7515 §2: base64url without padding")
struct Base64URLTests {
    @Test("the §10 test vectors, padding left out, encode and decode", arguments: [
        ("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"),
        ("foob", "Zm9vYg"), ("fooba", "Zm9vYmE"), ("foobar", "Zm9vYmFy"),
    ])
    func vectors(plain: String, encoded: String) {
        #expect(Base64.encode(Array(plain.utf8), variant: .url) == encoded)
        #expect(Base64.decode(encoded, variant: .url) == Array(plain.utf8))
    }

    @Test("RFC 7515 appendix C: [3, 236, 255, 224, 193] is A-z_4ME")
    func appendixC() {
        #expect(Base64.encode([3, 236, 255, 224, 193], variant: .url) == "A-z_4ME")
        #expect(Base64.decode("A-z_4ME", variant: .url) == [3, 236, 255, 224, 193])
    }

    @Test("- and _ stand where the standard alphabet has + and /")
    func alphabet() {
        #expect(Base64.encode([0xFB, 0xFF, 0xBF], variant: .url) == "-_-_")
        #expect(Base64.encode([0xFB, 0xFF, 0xBF]) == "+/+/")
        #expect(Base64.decode("-_-_", variant: .url) == [0xFB, 0xFF, 0xBF])
        #expect(Base64.decode("-_-_") == nil)
        #expect(Base64.decode("+/+/", variant: .url) == nil)
    }

    @Test("every length from 0 to 64 and every byte value round-trips")
    func roundTrips() {
        var generator = SystemRandomNumberGenerator()
        for count in 0...64 {
            let data = (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
            let encoded = Base64.encode(data, variant: .url)
            #expect(encoded.utf8.count == Base64.encodedCount(count, variant: .url))
            #expect(!encoded.contains("="))
            #expect(Base64.decode(encoded, variant: .url) == data)
        }
        let all = Array(UInt8.min...UInt8.max)
        #expect(Base64.decode(Base64.encode(all, variant: .url), variant: .url) == all)
    }

    @Test("decoding is strict: no padding, no stray characters, canonical trailing bits", arguments: [
        "Zg==", "Zm8=", "Zg=", "=", "Z", "Zm9vY", // padding, or a length that leaves one character over
        "Zh", "Zm9", "Zm9vYh", "Zm9vYmF",        // non-zero bits under the last byte
        "Zm+v", "Zm/v", "Zm 9v", " Zm9v", "Zm9v\n", "Zm9v.", "Zm9vé", "Zm\u{0}v",
    ])
    func invalid(text: String) {
        #expect(Base64.decode(text, variant: .url) == nil)
    }
}
