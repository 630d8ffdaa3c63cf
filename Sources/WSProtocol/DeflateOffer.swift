/// A permessage-deflate offer (RFC 7692 section 7.1): what a client proposes,
/// read by a server from one extension element, or written by a client.
public struct DeflateOffer: Equatable, Sendable {
    /// The offer `WebSocketClient` makes: no context takeover either way, so
    /// its inflater keeps nothing between messages (a server that declines
    /// server_no_context_takeover is refused), and any client window the
    /// server wants.
    public static let client = DeflateOffer(
        serverNoContextTakeover: true, clientNoContextTakeover: true, clientAcceptsWindowLimit: true)

    public var serverNoContextTakeover: Bool
    public var clientNoContextTakeover: Bool
    /// server_max_window_bits: the largest window the server may compress with.
    public var serverMaxWindowBits: Int?
    /// client_max_window_bits present: the client can compress with a window the server chooses.
    public var clientAcceptsWindowLimit: Bool
    /// client_max_window_bits' optional value: the client's own limit, a hint.
    public var clientMaxWindowBits: Int?

    public init(
        serverNoContextTakeover: Bool = false, clientNoContextTakeover: Bool = false,
        serverMaxWindowBits: Int? = nil, clientAcceptsWindowLimit: Bool = false, clientMaxWindowBits: Int? = nil
    ) {
        self.serverNoContextTakeover = serverNoContextTakeover
        self.clientNoContextTakeover = clientNoContextTakeover
        self.serverMaxWindowBits = serverMaxWindowBits
        self.clientAcceptsWindowLimit = clientAcceptsWindowLimit || clientMaxWindowBits != nil
        self.clientMaxWindowBits = clientMaxWindowBits
    }

    /// Reads one offer. nil for another extension, or where "A server MUST
    /// decline an extension negotiation offer for this extension" (section
    /// 7.1): "an extension parameter not defined for use in an offer", "an
    /// extension parameter with an invalid value", "multiple extension
    /// parameters with the same name".
    public init?(_ element: ExtensionElement) {
        guard element.name == DeflateParameters.extensionName, DeflateParameters.hasDistinctNames(element) else {
            return nil
        }
        self.init()
        for parameter in element.parameters {
            switch (parameter.name, parameter.value) {
            case ("server_no_context_takeover", nil): serverNoContextTakeover = true
            case ("client_no_context_takeover", nil): clientNoContextTakeover = true
            case ("server_max_window_bits", let value?):
                guard let bits = DeflateParameters.windowBits(value) else { return nil }
                serverMaxWindowBits = bits
            case ("client_max_window_bits", nil): clientAcceptsWindowLimit = true
            case ("client_max_window_bits", let value?):
                guard let bits = DeflateParameters.windowBits(value) else { return nil }
                clientAcceptsWindowLimit = true
                clientMaxWindowBits = bits
            default: return nil
            }
        }
    }

    /// The first acceptable permessage-deflate offer among a client's
    /// extension elements, in its order of preference (later offers are its
    /// fallbacks), answered by `acceptance`; nil when there is none.
    public static func negotiate(_ elements: [String]) -> DeflateParameters? {
        for element in elements {
            if let parsed = ExtensionElement(parsing: element), let offer = DeflateOffer(parsed) {
                return offer.acceptance
            }
        }
        return nil
    }

    /// This server's answer. It never keeps a compression context between
    /// messages (no zlib state in an idle connection), so it always answers
    /// server_no_context_takeover and client_no_context_takeover, which a
    /// server "MAY include ... in an extension negotiation response" to any
    /// offer (sections 7.1.1.1 and 7.1.1.2). A window limit the client asked
    /// for is kept and echoed, 8 bits included (see `Deflater.windowBits`).
    public var acceptance: DeflateParameters {
        DeflateParameters(
            serverNoContextTakeover: true, clientNoContextTakeover: true, serverMaxWindowBits: serverMaxWindowBits)
    }

    /// The extension element a client sends.
    public var element: ExtensionElement {
        var parameters: [ExtensionElement.Parameter] = []
        if serverNoContextTakeover { parameters.append(.init("server_no_context_takeover")) }
        if clientNoContextTakeover { parameters.append(.init("client_no_context_takeover")) }
        if let serverMaxWindowBits { parameters.append(.init("server_max_window_bits", String(serverMaxWindowBits))) }
        if clientAcceptsWindowLimit { parameters.append(.init("client_max_window_bits", clientMaxWindowBits.map(String.init))) }
        return ExtensionElement(name: DeflateParameters.extensionName, parameters: parameters)
    }
}
