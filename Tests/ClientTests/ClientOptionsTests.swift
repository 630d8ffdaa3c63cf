import ChatClient
import SystemKit
import Testing
import WSClient

/// The command line, and the chat parameters pulled out of the URL.
@Suite("ClientOptions")
struct ClientOptionsTests {
    @Test func defaults() throws {
        let options = try ClientOptions.parse([])
        #expect(options.url == WebSocketURL(host: "127.0.0.1", port: 8765, target: "/"))
        #expect(options.rooms.isEmpty && options.name == nil && options.color && !options.json && !options.showHelp)
    }

    @Test func everyOption() throws {
        let options = try ClientOptions.parse(["--room", "a", "--room=b", "--name=Ann Lee", "--no-color", "--json", "ws://h:9/x", "-h"])
        #expect(options.rooms == ["a", "b"])
        #expect(options.name == "Ann Lee")
        #expect(!options.color && options.json && options.showHelp)
        #expect(options.url == WebSocketURL(host: "h", port: 9, target: "/x"))
    }

    @Test func aTokenComesFromTheOptionElseTheEnvironment() throws {
        #expect(try ClientOptions.parse([]).token == nil)
        #expect(try ClientOptions.parse(["--token", "t1"]).token == "t1")
        #expect(try ClientOptions.parse([], environment: ["CHAT_TOKEN": "t2"]).token == "t2")
        #expect(try ClientOptions.parse(["--token=t1"], environment: ["CHAT_TOKEN": "t2"]).token == "t1")
        #expect(try ClientOptions.parse([], environment: ["CHAT_TOKEN": ""]).token == nil)
    }

    @Test func theTokenTravelsInAHeaderNotInTheURL() throws {
        let fromURL = ChatTarget(try ClientOptions.parse(["ws://h:1/?token=u1&epoch=E&x=1"]))
        #expect(fromURL.base.target == "/?x=1")
        #expect(fromURL.token == "u1")
        #expect(Array(fromURL.headers).map(\.name) == ["Authorization"])
        #expect(Array(fromURL.headers).map(\.value) == ["Bearer u1"])
        let fromOption = ChatTarget(try ClientOptions.parse(["--token", "t1", "ws://h:1/?token=u1"]))
        #expect(fromOption.token == "t1")
        #expect(!fromOption.url(name: "ann").target.contains("t1"))
        #expect(ChatTarget(try ClientOptions.parse(["ws://h:1/"])).headers.isEmpty)
    }

    @Test func wssURLsAndWhomTheyTrust() throws {
        let options = try ClientOptions.parse(["--ca-file", "ca.pem", "wss://chat.example/room"])
        #expect(options.url == WebSocketURL(host: "chat.example", port: 443, target: "/room", isSecure: true))
        #expect(options.url.description == "wss://chat.example/room")
        #expect(options.tls == TLSClientOptions(trustedCertificatesFile: "ca.pem", verifiesCertificate: true))
        let insecure = try ClientOptions.parse(["--insecure", "wss://[::1]:8443/"])
        #expect(insecure.url.port == 8443 && insecure.url.host == "::1" && insecure.url.isSecure)
        #expect(!insecure.tls.verifiesCertificate)
        #expect(ChatTarget(insecure).tls == insecure.tls)
        #expect(try ClientOptions.parse(["ws://h/"]).url.port == 80)
    }

    @Test(arguments: [["--bogus"], ["--room"], ["ws://a/", "ws://b/"], ["https://secure/"], ["http://x/"], ["--token="], ["--token"], ["--ca-file"]])
    func usageErrors(_ arguments: [String]) {
        #expect(throws: UsageError.self) { try ClientOptions.parse(arguments) }
    }

    @Test func chatTargetTakesRoomsAndNameOutOfTheURL() throws {
        let options = try ClientOptions.parse(["ws://h:1/chat?room=a&x=1&name=J%C3%BCrgen&since=4&room=b", "--room", "c"])
        let target = ChatTarget(options)
        #expect(target.base.target == "/chat?x=1")
        #expect(target.rooms == ["a", "b", "c"])
        #expect(target.name == "Jürgen")
        #expect(target.url(name: "Ann Lee").target == "/chat?x=1&name=Ann%20Lee")
        #expect(target.url(name: nil).target == "/chat?x=1")
    }

    @Test func pipeModeAppendsToTheURLAsGiven() {
        let url = WebSocketURL(host: "h", port: 1, target: "/?since=3")
        #expect(ChatTarget.appending(rooms: ["a b"], name: "n", to: url).target == "/?since=3&room=a%20b&name=n")
        #expect(ChatTarget.appending(rooms: [], name: nil, to: url).target == "/?since=3")
    }
}
