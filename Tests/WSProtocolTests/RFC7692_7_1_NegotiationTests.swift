import Testing
import WSProtocol

/// RFC 7692 sections 5 and 7.1: the server takes the first acceptable
/// permessage-deflate offer of the client's list and always answers without
/// context takeover; the client fails the connection on an answer it did
/// not ask for or cannot use.
@Suite("RFC 7692 §7.1: negotiation")
struct RFC7692_7_1_NegotiationTests {
    static let plain = "permessage-deflate; server_no_context_takeover; client_no_context_takeover"

    /// Offers (one `Sec-WebSocket-Extensions` line each) and the server's answer; nil: declined.
    static let table: [(offers: [String], answer: String?)] = [
        (["permessage-deflate"], plain),
        (["permessage-deflate; client_max_window_bits"], plain),
        (["permessage-deflate; client_max_window_bits=10"], plain),
        (["permessage-deflate; server_no_context_takeover; client_no_context_takeover"], plain),
        (["permessage-deflate; server_max_window_bits=10"], plain + "; server_max_window_bits=10"),
        (["permessage-deflate; server_max_window_bits=8"], plain + "; server_max_window_bits=8"),
        (["permessage-deflate; server_max_window_bits=15"], plain + "; server_max_window_bits=15"),
        (["permessage-deflate; server_max_window_bits=\"12\""], plain + "; server_max_window_bits=12"),
        (["permessage-deflate; server_max_window_bits=\"1\\2\""], plain + "; server_max_window_bits=12"),
        (["permessage-deflate ;server_max_window_bits = 9 ; client_max_window_bits"], plain + "; server_max_window_bits=9"),
        (["PerMessage-Deflate; Server_Max_Window_Bits=11"], plain + "; server_max_window_bits=11"),
        // Declined: parameters without a value they need, out of range, with
        // leading zeros or signs, with a value they must not have, unknown, repeated.
        (["permessage-deflate; server_max_window_bits"], nil),
        (["permessage-deflate; server_max_window_bits=7"], nil),
        (["permessage-deflate; server_max_window_bits=16"], nil),
        (["permessage-deflate; server_max_window_bits=09"], nil),
        (["permessage-deflate; server_max_window_bits=+9"], nil),
        (["permessage-deflate; client_max_window_bits=16"], nil),
        (["permessage-deflate; client_max_window_bits=0"], nil),
        (["permessage-deflate; server_no_context_takeover=1"], nil),
        (["permessage-deflate; client_no_context_takeover=\"\""], nil),
        (["permessage-deflate; x-unknown"], nil),
        (["permessage-deflate; server_no_context_takeover; server_no_context_takeover"], nil),
        (["permessage-deflate; client_max_window_bits; client_max_window_bits=9"], nil),
        // Malformed elements are declined like bad parameters.
        (["permessage-deflate;"], nil),
        (["permessage-deflate; =9"], nil),
        (["permessage-deflate; server_max_window_bits=\"1,0\""], nil),
        (["permessage-deflate; server_max_window_bits=\"10"], nil),
        (["permessage-deflate server_no_context_takeover"], nil),
        (["x-webkit-deflate-frame", "deflate-frame"], nil),
        // Fallbacks: the first acceptable offer wins, across commas and lines.
        (["x-foo; a=\"b,c\", permessage-deflate; server_max_window_bits=10"], plain + "; server_max_window_bits=10"),
        (["permessage-deflate; server_max_window_bits=7, permessage-deflate; server_max_window_bits=9, permessage-deflate"],
         plain + "; server_max_window_bits=9"),
        (["permessage-deflate; bogus", "permessage-deflate; client_max_window_bits"], plain),
        ([", ,permessage-deflate, "], plain),
        // Autobahn 13.7's list: (no context takeover, window 9), then fallbacks.
        (["permessage-deflate; client_no_context_takeover; client_max_window_bits; server_no_context_takeover; "
            + "server_max_window_bits=9, permessage-deflate; client_no_context_takeover; client_max_window_bits; "
            + "server_no_context_takeover, permessage-deflate; client_no_context_takeover; client_max_window_bits"],
         plain + "; server_max_window_bits=9"),
    ]

    @Test("the server answers the first acceptable offer", arguments: table)
    func serverAnswer(offers: [String], answer: String?) throws {
        let head = try #require(handshakeHead(extra: offers.map { "Sec-WebSocket-Extensions: " + $0 }))
        let request = try ServerHandshake.validate(head)
        let accepted = DeflateOffer.negotiate(request.extensions)
        #expect(accepted?.element.headerValue == answer, "\(offers)")
    }

    @Test("the 101 carries the answer; without one it names no extension")
    func responseHeader() throws {
        let request = try ServerHandshake.validate(try #require(handshakeHead()))
        let accepted = DeflateParameters(serverNoContextTakeover: true, clientNoContextTakeover: true, serverMaxWindowBits: 10)
        let text = String(decoding: ServerHandshake.response(for: request, deflate: accepted), as: UTF8.self)
        #expect(text.hasSuffix("\r\nSec-WebSocket-Extensions: \(Self.plain); server_max_window_bits=10\r\n\r\n"))
        #expect(!String(decoding: ServerHandshake.response(for: request), as: UTF8.self).contains("Extensions"))
    }

    @Test("our client's request offers deflate, and our server's answer to it is accepted")
    func clientOffer() throws {
        let client = ClientHandshake(host: "h", deflateOffer: .client, key: "dGhlIHNhbXBsZSBub25jZQ==")
        let text = String(decoding: client.requestBytes, as: UTF8.self)
        let offer = "permessage-deflate; server_no_context_takeover; client_no_context_takeover; client_max_window_bits"
        #expect(text.contains("\r\nSec-WebSocket-Extensions: \(offer)\r\n"))
        let upgrade = try ServerHandshake.validate(try #require(request(text)))
        let accepted = try #require(DeflateOffer.negotiate(upgrade.extensions))
        let answer = try #require(Self.responseHead(ServerHandshake.response(for: upgrade, deflate: accepted)))
        #expect(try client.validate(answer) == accepted)
    }

    /// Answers to `DeflateOffer.client` and what the client makes of them.
    static let answers: [(answer: String, parameters: DeflateParameters?)] = [
        ("permessage-deflate; server_no_context_takeover", DeflateParameters(serverNoContextTakeover: true)),
        ("Permessage-Deflate; SERVER_NO_CONTEXT_TAKEOVER; client_no_context_takeover; server_max_window_bits=10; "
            + "client_max_window_bits=\"12\"",
         DeflateParameters(serverNoContextTakeover: true, clientNoContextTakeover: true, serverMaxWindowBits: 10, clientMaxWindowBits: 12)),
        ("permessage-deflate", nil),
        ("permessage-deflate; client_no_context_takeover", nil),
        ("permessage-deflate; server_no_context_takeover; client_max_window_bits", nil),
        ("permessage-deflate; server_no_context_takeover; server_max_window_bits=16", nil),
        ("permessage-deflate; server_no_context_takeover; server_max_window_bits", nil),
        ("permessage-deflate; server_no_context_takeover; x-foo", nil),
        ("permessage-deflate; server_no_context_takeover; server_no_context_takeover", nil),
        ("permessage-deflate; server_no_context_takeover=yes", nil),
    ]

    @Test("the client accepts only answers that RFC 7692 allows and it can use", arguments: answers)
    func clientChecksAnswer(answer: String, parameters: DeflateParameters?) throws {
        let client = ClientHandshake(host: "h", deflateOffer: .client, key: "dGhlIHNhbXBsZSBub25jZQ==")
        let head = try #require(Self.answer(extensions: [answer]))
        if let parameters {
            #expect(try client.validate(head) == parameters)
        } else {
            #expect(throws: ClientHandshakeError.unacceptableDeflateAnswer(answer)) { try client.validate(head) }
        }
    }

    @Test("an answer naming another extension, two, a malformed one, or any when none was offered fails", arguments: [
        (DeflateOffer.client, ["x-foo"]),
        (.client, ["permessage-deflate; server_no_context_takeover, permessage-deflate; server_no_context_takeover"]),
        (.client, ["permessage-deflate; server_no_context_takeover", "x-foo"]),
        (.client, ["permessage-deflate; server_no_context_takeover;"]),
        (nil, ["permessage-deflate"]),
    ] as [(DeflateOffer?, [String])])
    func unexpectedExtensions(offer: DeflateOffer?, lines: [String]) throws {
        let client = ClientHandshake(host: "h", deflateOffer: offer, key: "dGhlIHNhbXBsZSBub25jZQ==")
        let head = try #require(Self.answer(extensions: lines))
        let received = ExtensionElement.elements(of: lines).joined(separator: ", ")
        #expect(throws: ClientHandshakeError.unexpectedExtensions(received)) { try client.validate(head) }
    }

    @Test("client_max_window_bits comes back only if it was offered; server_max_window_bits no larger than offered")
    func windowOffers() throws {
        let noWindow = ClientHandshake(
            host: "h", deflateOffer: DeflateOffer(serverNoContextTakeover: true), key: "dGhlIHNhbXBsZSBub25jZQ==")
        let withClientWindow = "permessage-deflate; server_no_context_takeover; client_max_window_bits=9"
        #expect(throws: ClientHandshakeError.unacceptableDeflateAnswer(withClientWindow)) {
            try noWindow.validate(try #require(Self.answer(extensions: [withClientWindow])))
        }
        let limited = ClientHandshake(host: "h", deflateOffer: DeflateOffer(serverMaxWindowBits: 10), key: "dGhlIHNhbXBsZSBub25jZQ==")
        for (bits, accepted) in [(nil, false), (9, true), (10, true), (11, false)] as [(Int?, Bool)] {
            let answer = "permessage-deflate" + (bits.map { "; server_max_window_bits=\($0)" } ?? "")
            let result = try? limited.validate(try #require(Self.answer(extensions: [answer])))
            #expect((result != nil) == accepted, "\(answer)")
        }
    }

    /// The §1.3 answer for the RFC's key with `extensions` lines added.
    static func answer(extensions: [String]) -> HTTPResponseHead? {
        let lines = ["HTTP/1.1 101 Switching Protocols", "Upgrade: websocket", "Connection: Upgrade",
                     "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo="]
            + extensions.map { "Sec-WebSocket-Extensions: " + $0 }
        return responseHead(Array((lines.joined(separator: "\r\n") + "\r\n\r\n").utf8))
    }

    static func responseHead(_ bytes: [UInt8]) -> HTTPResponseHead? {
        guard case .complete(let head, _) = feedAllWays(HTTPResponseHeadParser.self, bytes) else { return nil }
        return head
    }
}
