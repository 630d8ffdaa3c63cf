/// What every fuzz target shares: how a broken invariant is reported, and
/// how an input is split into chunks the way reads from a socket might split it.
enum Fuzz {
    /// Stops the run when an invariant fails. `fatalError` traps, which
    /// libFuzzer reports as a crash and saves the input that caused it; the
    /// message says which rule broke.
    static func require(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition { fatalError("invariant broken: \(message())") }
    }

    /// The three ways each target feeds its input: whole, in two chunks cut
    /// at `split`, and one byte at a time. A parser's result must not depend
    /// on which one it got.
    static func chunkings(count: Int, split: Int) -> [[Range<Int>]] {
        [[0..<count], [0..<split, split..<count], (0..<count).map { $0..<($0 + 1) }]
    }

    /// A cut point in `0...count` taken from a control byte, so the fuzzer
    /// can steer where the input is split.
    static func splitPoint(_ control: UInt8, count: Int) -> Int {
        count * Int(control & 0x7F) / 0x7F
    }
}
