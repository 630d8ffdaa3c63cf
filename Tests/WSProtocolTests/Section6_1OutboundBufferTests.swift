import TestSupport
import Testing
import WSProtocol

/// Section 6.1 (sending data): `OutboundBuffer` keeps the bytes to transmit
/// in order across partial writes, compacts its storage and frees it when drained.
@Suite("RFC 6455 §6.1: sending data (OutboundBuffer)")
struct Section6_1OutboundBufferTests {
    static func readable(_ buffer: OutboundBuffer) -> [UInt8] {
        buffer.withReadableBytes { Array($0) }
    }

    @Test("a new buffer is empty")
    func startsEmpty() {
        let buffer = OutboundBuffer()
        #expect(buffer.isEmpty)
        #expect(buffer.count == 0)
        #expect(Self.readable(buffer).isEmpty)
    }

    @Test("appends come out in order and partial consumes take from the front")
    func appendAndConsume() {
        var buffer = OutboundBuffer()
        buffer.append([1, 2, 3])
        [UInt8]([4, 5]).withUnsafeBytes { buffer.append($0) }
        #expect(Self.readable(buffer) == [1, 2, 3, 4, 5])
        buffer.consume(2)
        #expect(Self.readable(buffer) == [3, 4, 5])
        #expect(buffer.count == 3)
        buffer.consume(0)
        buffer.append([6])
        #expect(Self.readable(buffer) == [3, 4, 5, 6])
        buffer.consume(4)
        #expect(buffer.isEmpty)
        #expect(buffer.count == 0)
        buffer.append([7])
        #expect(Self.readable(buffer) == [7])
    }

    @Test("draining the queue releases its storage, as a new buffer holds none")
    func drainingReleasesStorage() {
        let fresh = OutboundBuffer().withReadableBytes { $0.baseAddress }
        var buffer = OutboundBuffer()
        buffer.append(FrameTestBytes.pattern(4096))
        #expect(buffer.withReadableBytes { $0.baseAddress } != fresh)
        buffer.consume(4000)
        buffer.consume(96)
        #expect(buffer.withReadableBytes { $0.baseAddress } == fresh)
    }

    @Test("an empty queue shares a room's frame with the caller until a second frame follows")
    func sharesTheFirstFrame() {
        let frame = FrameTestBytes.pattern(200)
        let frameAddress = frame.withUnsafeBytes { $0.baseAddress }
        var alice = OutboundBuffer()
        var bob = OutboundBuffer()
        alice.append(frame)
        bob.append(frame)
        #expect(alice.withReadableBytes { $0.baseAddress } == frameAddress)
        #expect(bob.withReadableBytes { $0.baseAddress } == frameAddress)
        alice.consume(50)
        alice.append([1, 2])
        alice.appendFrame(opcode: .pong, payload: UnsafeRawBufferPointer(start: nil, count: 0))
        #expect(Self.readable(alice) == Array(frame[50...]) + [1, 2, 0x8A, 0x00])
        #expect(Self.readable(bob) == frame)
        #expect(frame == FrameTestBytes.pattern(200))
        bob.consume(200)
        #expect(bob.isEmpty)
    }

    @Test("removeAll drops everything")
    func removeAll() {
        var buffer = OutboundBuffer()
        buffer.append(FrameTestBytes.pattern(10))
        buffer.consume(3)
        buffer.removeAll()
        #expect(buffer.isEmpty)
        #expect(Self.readable(buffer).isEmpty)
    }

    @Test("compaction past 64 KiB consumed keeps the unconsumed bytes in order")
    func compaction() {
        var buffer = OutboundBuffer()
        let data = FrameTestBytes.pattern(100_000)
        buffer.append(data)
        buffer.consume(70_000)
        buffer.append([1, 2, 3])
        #expect(Self.readable(buffer) == Array(data[70_000...]) + [1, 2, 3])
        #expect(buffer.count == 30_003)
        buffer.consume(29_999)
        buffer.appendFrame(opcode: .pong, payload: UnsafeRawBufferPointer(start: nil, count: 0))
        #expect(Self.readable(buffer) == [data[99_999], 1, 2, 3, 0x8A, 0x00])
    }

    @Test(
        "queueing frames one by one grows the storage geometrically")
    func appendFrameGrowsGeometrically() {
        var buffer = OutboundBuffer()
        let payload = FrameTestBytes.pattern(100)
        var moves = 0
        var base = buffer.withReadableBytes { $0.baseAddress }
        for _ in 0..<1000 {
            payload.withUnsafeBytes { buffer.appendFrame(opcode: .binary, payload: $0) }
            let now = buffer.withReadableBytes { $0.baseAddress }
            if now != base { moves += 1 }
            base = now
        }
        #expect(buffer.count == 1000 * 102)
        #expect(moves <= 64, "storage moved \(moves) times for 1000 frames")
    }

    @Test("seeded random appends and consumes match a plain array")
    func randomAgainstModel() {
        var generator = SeededSplitMix(seed: 61)
        var buffer = OutboundBuffer()
        var model: [UInt8] = []
        for step in 0..<400 {
            if Bool.random(using: &generator) {
                let chunk = FrameTestBytes.pattern(Int.random(in: 0...3000, using: &generator)).map { $0 ^ UInt8(step & 0xFF) }
                buffer.append(chunk)
                model += chunk
            } else {
                let count = Int.random(in: 0...model.count, using: &generator)
                buffer.consume(count)
                model.removeFirst(count)
            }
            #expect(buffer.count == model.count)
            #expect(buffer.isEmpty == model.isEmpty)
        }
        #expect(Self.readable(buffer) == model)
    }
}
