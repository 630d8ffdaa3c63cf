import BenchKit
import SystemKit
import Testing

/// The command line: wsload's flags and defaults, and the mistakes it refuses.
@Suite("Command line")
struct BenchOptionsTests {
    private func parse(_ line: String) throws(UsageError) -> BenchOptions {
        try BenchOptions.parse(line.split(separator: " ").map(String.init))
    }

    private func failure(_ line: String) -> String? {
        do throws(UsageError) {
            _ = try parse(line)
            return nil
        } catch {
            return error.message
        }
    }

    @Test func defaultsFollowWsloadExceptThePort() throws {
        let fanout = try parse("fanout")
        #expect(fanout.host == "127.0.0.1")
        #expect(fanout.port == 8765)
        #expect(fanout.path == "/")
        #expect(fanout.clients == 1000)
        #expect(fanout.rate == .max)
        #expect(fanout.window == 16)
        #expect(fanout.size == 64)
        #expect(fanout.senders == 1)
        #expect(fanout.room == "bench")
        #expect(fanout.duration == 10 && fanout.warmup == 2 && fanout.drain == 2)
        #expect(fanout.concurrency == 256 && fanout.setupTimeout == 30)
        #expect(!fanout.json && !fanout.deflate)
    }

    @Test func eachScenarioHasItsOwnDefaults() throws {
        let rooms = try parse("rooms")
        #expect(rooms.clients == 1000 && rooms.rooms == 100 && rooms.rate == .perSecond(1))
        let echo = try parse("echo")
        #expect(echo.clients == 64 && echo.path == "/echo" && echo.rate == .max)
        let connect = try parse("connect")
        #expect(connect.clients == 10000 && connect.hold == 5 && connect.join == nil)
    }

    @Test func readsEveryFlagInBothForms() throws {
        let options = try parse(
            "--port=9000 rooms -n 50 --rooms 5 --rate 2.5 --size=200 --duration 3 --warmup 0.5 --drain 1 "
                + "--concurrency 10 --setup-timeout 4 --room r --window 4 --json --path /chat --host localhost --deflate")
        #expect(options.scenario == .rooms)
        #expect(options.port == 9000 && options.clients == 50 && options.rooms == 5)
        #expect(options.rate == .perSecond(2.5) && options.size == 200 && options.window == 4)
        #expect(options.duration == 3 && options.warmup == 0.5 && options.drain == 1)
        #expect(options.concurrency == 10 && options.setupTimeout == 4)
        #expect(options.room == "r" && options.path == "/chat" && options.host == "localhost" && options.json && options.deflate)
    }

    @Test func clientsHasThreeSpellings() throws {
        #expect(try parse("echo --connections 8").clients == 8)
        #expect(try parse("echo --clients 9").clients == 9)
        #expect(try parse("echo -n 10").clients == 10)
    }

    @Test func connectFlags() throws {
        let options = try parse("connect --hold 2 --join lobby --clients 100")
        #expect(options.hold == 2 && options.join == "lobby" && options.clients == 100)
    }

    @Test func severalPortsInOrder() throws {
        let options = try parse("echo --port 9000,9001,9000")
        #expect(options.ports == [9000, 9001, 9000])
        #expect(options.port == 9000)
        #expect(try parse("echo --port=7000").ports == [7000])
        #expect(try parse("echo").ports == [8765])
    }

    @Test func roomNamesFollowTheScenario() throws {
        #expect(try parse("fanout --room lobby").roomNames.map(\.value) == ["lobby"])
        #expect(try parse("rooms -n 3 --rooms 3 --room r").roomNames.map(\.value) == ["r-0", "r-1", "r-2"])
        #expect(try parse("connect --join hall").roomNames.map(\.value) == ["hall"])
        #expect(try parse("connect").roomNames.isEmpty && parse("echo").roomNames.isEmpty)
    }

    @Test func tlsFlags() throws {
        let plain = try parse("echo")
        #expect(!plain.tls && plain.caFile == nil && !plain.insecure)
        let trusting = try parse("echo --tls --ca-file=ca.pem")
        #expect(trusting.tls && trusting.caFile == "ca.pem" && !trusting.insecure)
        let insecure = try parse("fanout --insecure --tls")
        #expect(insecure.tls && insecure.insecure && insecure.caFile == nil)
    }

    @Test func helpNeedsNoScenario() throws {
        #expect(try parse("--help").showHelp)
        #expect(try parse("-h").showHelp)
    }

    @Test(arguments: [
        ("", "no scenario"), ("flood", "unknown scenario 'flood'"), ("fanout echo", "scenario given twice"),
        ("fanout --bogus 1", "unknown option '--bogus'"), ("fanout --port", "--port needs a value"),
        ("fanout --port 0", "bad value for --port"), ("fanout --port 9000,", "bad value for --port: ''"),
        ("fanout --port 9000,x", "bad value for --port: 'x'"), ("fanout --port 9000,,9001", "bad value for --port"),
        ("fanout --port " + (1...65).map { String(9000 + $0) }.joined(separator: ","), "--port takes at most 64 ports"), ("fanout --clients 2.5", "bad value for --clients"),
        ("fanout --rate fast", "bad value for --rate"), ("fanout --duration 0", "bad value for --duration"),
        ("fanout -n 5 --senders 6", "--senders (6) cannot exceed --clients (5)"),
        ("rooms -n 5 --rooms 6", "--rooms (6) cannot exceed --clients (5)"),
        ("echo --path echo", "--path must start with '/'"), ("fanout --room a\"b", "--room must be a room name"),
        ("fanout --room " + String(repeating: "r", count: 65), "--room must be a room name"),
        ("rooms --room " + String(repeating: "r", count: 62), "--room is too long for 100 rooms: '\(String(repeating: "r", count: 62))-99'"),
        ("connect --join lobby!", "--join must be a room name"),
        ("echo --ca-file ca.pem", "--ca-file and --insecure apply to --tls only"),
        ("echo --insecure", "--ca-file and --insecure apply to --tls only"),
        ("echo --tls --insecure --ca-file ca.pem", "--insecure trusts any certificate"),
        ("fanout --inflate-each", "--inflate-each applies to --deflate only"),
    ])
    func refusesMistakes(_ line: String, _ message: String) {
        let found = failure(line)
        #expect(found?.hasPrefix(message) == true, "\(line): \(found ?? "accepted")")
    }
}
