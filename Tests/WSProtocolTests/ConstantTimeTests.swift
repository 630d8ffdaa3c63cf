import Testing
import WSProtocol

@Suite("ConstantTime: secret comparisons")
struct ConstantTimeTests {
    @Test("equal answers whether the bytes are the same, lengths included")
    func equal() {
        #expect(ConstantTime.equal([], []))
        #expect(ConstantTime.equal([1, 2, 3], [1, 2, 3]))
        #expect(!ConstantTime.equal([1, 2, 3], [1, 2, 4]))
        #expect(!ConstantTime.equal([0, 2, 3], [1, 2, 3]))
        #expect(!ConstantTime.equal([1, 2], [1, 2, 3]))
        #expect(!ConstantTime.equal([], [0]))
    }

    @Test("equalSecrets compares keys of any length")
    func secrets() {
        let key = Array("0123456789abcdef0123".utf8)
        #expect(ConstantTime.equalSecrets(key, key))
        #expect(!ConstantTime.equalSecrets(Array(key.dropLast()), key))
        #expect(!ConstantTime.equalSecrets(key + [0x30], key))
        #expect(!ConstantTime.equalSecrets([], key))
        #expect(ConstantTime.equalSecrets([], []))
    }
}
