import BenchKit
import Glibc
import Testing
import WSProtocol

/// Frames built in place in the send buffer are byte for byte the frames
/// WSProtocol's encoder makes, whatever the length encoding.
@Suite("Send buffer")
struct SendBufferTests {
    /// Everything the buffer writes, read back through a socket pair.
    private func written(_ build: (inout SendBuffer) -> Void) throws -> [UInt8] {
        var fds: [Int32] = [0, 0]
        try #require(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &fds) == 0)
        defer { close(fds[0]); close(fds[1]) }
        var size: Int32 = 1 << 20
        setsockopt(fds[0], SOL_SOCKET, SO_SNDBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        var buffer = SendBuffer()
        build(&buffer)
        let pending = buffer.pending
        guard case .drained(let count) = buffer.write(to: fds[0]) else {
            Issue.record("not written in one send")
            return []
        }
        #expect(count == pending && buffer.isEmpty)
        var bytes = [UInt8](repeating: 0, count: count)
        var received = 0
        while received < count {
            let got = bytes.withUnsafeMutableBytes { recv(fds[1], $0.baseAddress! + received, count - received, 0) }
            try #require(got > 0)
            received += got
        }
        return bytes
    }

    @Test(arguments: [0, 1, 125, 126, 65535, 65536, 200_000])
    func framesMatchTheEncoder(_ length: Int) throws {
        let payload = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let mask = MaskKey(0x12, 0x34, 0x56, 0x78)
        let bytes = try written { buffer in
            payload.withUnsafeBytes { buffer.appendFrame(opcode: .text, payload: $0, mask: mask) }
        }
        #expect(bytes == FrameEncoder.frame(opcode: .text, payload: payload, mask: mask))
    }

    @Test func framesQueueInOrder() throws {
        let mask = MaskKey(1, 2, 3, 4)
        let first = Array("first".utf8), second = Array("second".utf8)
        let bytes = try written { buffer in
            first.withUnsafeBytes { buffer.appendFrame(opcode: .text, payload: $0, mask: mask) }
            second.withUnsafeBytes { buffer.appendFrame(opcode: .binary, payload: $0, mask: mask) }
        }
        #expect(bytes == FrameEncoder.frame(opcode: .text, payload: first, mask: mask)
            + FrameEncoder.frame(opcode: .binary, payload: second, mask: mask))
    }
}
