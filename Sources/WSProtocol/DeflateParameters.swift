/// The permessage-deflate configuration agreed in the opening handshake
/// (RFC 7692 section 7.1): what the server's answer says.
public struct DeflateParameters: Equatable, Sendable {
    public static let extensionName = "permessage-deflate"

    /// The server compresses each message on its own (section 7.1.1.1).
    public var serverNoContextTakeover: Bool
    /// The client compresses each message on its own (section 7.1.1.2).
    public var clientNoContextTakeover: Bool
    /// The largest LZ77 window the server compresses with, 8 to 15 bits;
    /// nil for the default 15 (section 7.1.2.1).
    public var serverMaxWindowBits: Int?
    /// The largest window the client compresses with; nil for 15 (section 7.1.2.2).
    public var clientMaxWindowBits: Int?

    public init(
        serverNoContextTakeover: Bool = false, clientNoContextTakeover: Bool = false,
        serverMaxWindowBits: Int? = nil, clientMaxWindowBits: Int? = nil
    ) {
        self.serverNoContextTakeover = serverNoContextTakeover
        self.clientNoContextTakeover = clientNoContextTakeover
        self.serverMaxWindowBits = serverMaxWindowBits
        self.clientMaxWindowBits = clientMaxWindowBits
    }

    /// Reads a server's answer to `offer`. nil when a client "MUST _Fail the
    /// WebSocket Connection_" (section 7.1): "The negotiation response contains
    /// an extension parameter not defined for use in a response", "... with an
    /// invalid value", "... multiple extension parameters with the same name",
    /// or "The client does not support the configuration that the response represents".
    public init?(answer: ExtensionElement, to offer: DeflateOffer) {
        guard answer.name == Self.extensionName, Self.hasDistinctNames(answer) else { return nil }
        self.init()
        for parameter in answer.parameters {
            switch (parameter.name, parameter.value) {
            case ("server_no_context_takeover", nil): serverNoContextTakeover = true
            case ("client_no_context_takeover", nil): clientNoContextTakeover = true
            case ("server_max_window_bits", let value?):
                guard let bits = Self.windowBits(value) else { return nil }
                serverMaxWindowBits = bits
            // "If a received extension negotiation offer doesn't have the
            // "client_max_window_bits" extension parameter, the corresponding
            // extension negotiation response to the offer MUST NOT include" it.
            case ("client_max_window_bits", let value?) where offer.clientAcceptsWindowLimit:
                guard let bits = Self.windowBits(value) else { return nil }
                clientMaxWindowBits = bits
            default: return nil
            }
        }
        // An offer's server parameters are accepted by repeating them: an
        // answer without server_no_context_takeover declines it (and our
        // inflater keeps nothing between messages), and server_max_window_bits
        // comes back "with the same or smaller value as the offer".
        if offer.serverNoContextTakeover, !serverNoContextTakeover { return nil }
        if let limit = offer.serverMaxWindowBits, (serverMaxWindowBits ?? 15) > limit { return nil }
    }

    /// The extension element of the server's answer.
    public var element: ExtensionElement {
        var parameters: [ExtensionElement.Parameter] = []
        if serverNoContextTakeover { parameters.append(.init("server_no_context_takeover")) }
        if clientNoContextTakeover { parameters.append(.init("client_no_context_takeover")) }
        if let serverMaxWindowBits { parameters.append(.init("server_max_window_bits", String(serverMaxWindowBits))) }
        if let clientMaxWindowBits { parameters.append(.init("client_max_window_bits", String(clientMaxWindowBits))) }
        return ExtensionElement(name: Self.extensionName, parameters: parameters)
    }

    /// The window one end compresses with: what the other allowed, else 15 bits.
    public func outgoingWindowBits(for role: Role) -> Int {
        switch role {
        case .server: serverMaxWindowBits ?? 15
        case .client: clientMaxWindowBits ?? 15
        }
    }

    /// "a decimal integer value without leading zeroes between 8 to 15, inclusive".
    static func windowBits(_ value: String) -> Int? {
        guard value.utf8.allSatisfy(ASCII.isDigit), value.first != "0", let bits = Int(value), (8...15).contains(bits) else {
            return nil
        }
        return bits
    }

    /// No parameter name twice ("multiple extension parameters with the same name").
    static func hasDistinctNames(_ element: ExtensionElement) -> Bool {
        Set(element.parameters.map(\.name)).count == element.parameters.count
    }
}
