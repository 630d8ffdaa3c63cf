import ChatWire
import SystemKit

/// What the command line asks for. Flags, defaults and ranges follow wsload,
/// except the port, which defaults to chat-server's 8765. Values given as
/// `--flag VALUE` or `--flag=VALUE`.
public struct BenchOptions: Equatable, Sendable {
    public var scenario = Scenario.fanout
    public var host = "127.0.0.1"
    /// `--port A,B,...`: connection i goes to `ports[i % ports.count]`, so
    /// one run can load several server nodes that share rooms.
    public var ports = [8765]
    /// Nil: the scenario's default (`/`, or `/echo` for echo).
    public var pathOption: String?
    /// Nil: the scenario's default connection count.
    public var clientsOption: Int?
    /// Nil: the scenario's default rate.
    public var rateOption: SendRate?
    public var duration = 10.0
    public var warmup = 2.0
    public var drain = 2.0
    public var concurrency = 256
    public var setupTimeout = 30.0
    public var closeWait = 1.0
    public var stallTimeout = 5.0
    public var window = 16
    public var size = 64
    public var payload = Payload.letters
    public var senders = 1
    public var rooms = 100
    public var room = "bench"
    public var hold = 5.0
    public var join: String?
    public var json = false
    /// `--deflate`: offer permessage-deflate and inflate what comes compressed.
    public var deflate = false
    /// `--inflate-each`: inflate every compressed delivery, identical ones too.
    public var inflateEach = false
    /// `--tls`: wss://, a TLS session on each connection before the upgrade.
    public var tls = false
    /// `--ca-file`: PEM certificates of the CAs to trust instead of the system's.
    public var caFile: String?
    /// `--insecure`: any certificate is accepted, for any name.
    public var insecure = false
    public var showHelp = false

    /// The first port: the one named in single-port reports.
    public var port: Int { ports[0] }
    public var path: String { pathOption ?? scenario.defaultPath }
    public var clients: Int { clientsOption ?? scenario.defaultClients }
    public var rate: SendRate { rateOption ?? scenario.defaultRate }

    /// The rooms the connections join, validated by `parse`: fanout's one,
    /// `<room>-<i>` for rooms, the `--join` room of connect (if any).
    public var roomNames: [RoomName] {
        let names: [String] = switch scenario {
        case .fanout: [room]
        case .rooms: (0..<rooms).map { "\(room)-\($0)" }
        case .echo: []
        case .connect: join.map { [$0] } ?? []
        }
        return names.compactMap(RoomName.init)
    }

    /// Parses the arguments after the program name: one scenario and flags, in any order.
    public static func parse(_ arguments: [String]) throws(UsageError) -> BenchOptions {
        var options = BenchOptions()
        var scenario: String?
        var reader = ArgumentReader(arguments)
        while let argument = reader.next() {
            let flag = argument.name
            if flag == "-h" || flag == "--help" {
                options.showHelp = true
            } else if flag == "--json" {
                options.json = true
            } else if flag == "--deflate" {
                options.deflate = true
            } else if flag == "--inflate-each" {
                options.inflateEach = true
            } else if flag == "--tls" {
                options.tls = true
            } else if flag == "--insecure" {
                options.insecure = true
            } else if flag.hasPrefix("-") {
                guard let value = reader.value(of: argument) else { throw UsageError(message: "\(flag) needs a value") }
                if flag == "--scenario" { try setScenario(&scenario, value) } else { try options.apply(flag, value) }
            } else {
                try setScenario(&scenario, argument.text)
            }
        }
        if options.showHelp { return options }
        guard let scenario else { throw UsageError(message: "no scenario given (fanout, rooms, echo, connect)") }
        guard let known = Scenario(rawValue: scenario) else {
            throw UsageError(message: "unknown scenario '\(scenario)' (fanout, rooms, echo, connect)")
        }
        options.scenario = known
        try options.validate()
        return options
    }

    private static func setScenario(_ scenario: inout String?, _ name: String) throws(UsageError) {
        if let scenario { throw UsageError(message: "scenario given twice ('\(scenario)' and '\(name)')") }
        scenario = name
    }
}
