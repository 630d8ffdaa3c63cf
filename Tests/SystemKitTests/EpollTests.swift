import Glibc
import SystemKit
import Testing

/// The epoll set over a pipe: readiness, tokens, interest changes, both waits.
@Suite("Epoll")
struct EpollTests {
    /// A pipe: (read end, write end).
    private func makePipe() throws -> (Int32, Int32) {
        var ends: [Int32] = [-1, -1]
        let made = pipe(&ends)
        try #require(made == 0)
        return (ends[0], ends[1])
    }

    @Test func anIdleDescriptorIsNotReady() throws {
        let (reader, writer) = try makePipe()
        defer { close(reader); close(writer) }
        let epoll = try Epoll()
        try epoll.add(reader, token: 7, events: Epoll.readable)
        #expect(epoll.wait(timeoutMillis: 0) == 0)
        #expect(epoll.wait(nanoseconds: 1_000_000) == 0)
    }

    @Test func readinessComesWithItsToken() throws {
        let (reader, writer) = try makePipe()
        defer { close(reader); close(writer) }
        let epoll = try Epoll()
        try epoll.add(reader, token: 42, events: Epoll.readable)
        #expect(write(writer, "x", 1) == 1)
        #expect(epoll.wait(timeoutMillis: 1000) == 1)
        #expect(epoll.event(at: 0).token == 42)
        #expect(epoll.event(at: 0).events & Epoll.readable != 0)
        #expect(epoll.wait(nanoseconds: 1_000_000_000) == 1)
    }

    @Test func modifyAndRemoveChangeWhatIsReported() throws {
        let (reader, writer) = try makePipe()
        defer { close(reader); close(writer) }
        let epoll = try Epoll()
        try epoll.add(writer, token: 1, events: 0)
        #expect(epoll.wait(timeoutMillis: 0) == 0)
        try epoll.modify(writer, token: 2, events: Epoll.writable)
        #expect(epoll.wait(timeoutMillis: 1000) == 1)
        #expect(epoll.event(at: 0).token == 2)
        epoll.remove(writer)
        #expect(epoll.wait(timeoutMillis: 0) == 0)
    }

    @Test func aBadDescriptorFailsWithItsErrno() throws {
        let epoll = try Epoll()
        #expect(throws: SystemCallError("epoll_ctl", EBADF)) { try epoll.add(-1, token: 0, events: Epoll.readable) }
    }
}
