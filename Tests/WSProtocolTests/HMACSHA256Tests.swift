import Testing
import WSProtocol

@Suite("RFC 4231: HMAC-SHA-256 through libcrypto")
struct HMACSHA256Tests {
    private static func hex(_ bytes: [UInt8]?) -> String? {
        bytes?.map { ($0 < 0x10 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    @Test("the test cases of section 4", arguments: [
        // 4.2: a 20-byte key
        ([UInt8](repeating: 0x0B, count: 20), Array("Hi There".utf8),
         "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        // 4.3: a key shorter than the output
        (Array("Jefe".utf8), Array("what do ya want for nothing?".utf8),
         "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        // 4.4: key and data of repeated bytes
        ([UInt8](repeating: 0xAA, count: 20), [UInt8](repeating: 0xDD, count: 50),
         "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
        // 4.7: a key longer than the block, hashed first
        ([UInt8](repeating: 0xAA, count: 131), Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
         "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
    ])
    func vectors(key: [UInt8], data: [UInt8], expected: String) {
        #expect(Self.hex(HMACSHA256.code(key: key, message: data)) == expected)
    }

    @Test("an empty key and an empty message still give a 32-byte code")
    func empty() {
        // HMAC-SHA256("", "") as computed by Python's hmac module.
        #expect(Self.hex(HMACSHA256.code(key: [], message: [])) == "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad")
    }
}
