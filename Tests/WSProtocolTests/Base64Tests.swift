import Testing
import WSProtocol

@Suite("RFC 4648 §4: base64")
struct Base64Tests {
    @Test("the §10 test vectors encode and decode", arguments: [
        ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"),
        ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy"),
    ])
    func vectors(plain: String, encoded: String) {
        #expect(Base64.encode(Array(plain.utf8)) == encoded)
        #expect(Base64.decode(encoded) == Array(plain.utf8))
    }

    @Test("every length from 0 to 64 and every byte value round-trips")
    func roundTrips() {
        var generator = SystemRandomNumberGenerator()
        for count in 0...64 {
            let data = (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
            let encoded = Base64.encode(data)
            #expect(encoded.utf8.count == (count + 2) / 3 * 4)
            #expect(Base64.decode(encoded) == data)
        }
        let all = Array(UInt8.min...UInt8.max)
        #expect(Base64.decode(Base64.encode(all)) == all)
        #expect(Base64.encode([0xFB, 0xFF, 0xBF]) == "+/+/")
    }

    @Test("decoding is strict: nil for anything but canonical padded base64", arguments: [
        "Zg", "Zg=", "Zg===", "Z===", "====", "Zh==", "Zm9=", "Zm=v", "=Zm9", "Zg==Zg==",
        "Zm9v\n", " Zm9v", "Zm 9v", "Zm9-", "Zm9_", "Zm9vé===", "dGhlIHNhbXBsZSBub25jZQ",
    ])
    func invalid(text: String) {
        #expect(Base64.decode(text) == nil)
    }
}
