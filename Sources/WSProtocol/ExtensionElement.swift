/// One element of a `Sec-WebSocket-Extensions` list (RFC 6455 section 9.1):
/// an extension name and its parameters, as a client offers them or a server
/// answers.
///
/// ```
/// extension = extension-token *( ";" extension-param )
/// extension-param = token [ "=" (token | quoted-string) ]
/// ```
///
/// RFC 6455 leaves the case of these names open; they are compared ignoring
/// ASCII case, as HTTP compares parameter names (RFC 9110 section 5.6.6:
/// "Parameter names are case-insensitive"), and kept lowercased here.
public struct ExtensionElement: Equatable, Sendable {
    /// One `name` or `name=value` parameter, its value unquoted.
    public struct Parameter: Equatable, Sendable {
        public var name: String
        /// nil for a parameter without `=`.
        public var value: String?

        public init(_ name: String, _ value: String? = nil) {
            self.name = name
            self.value = value
        }
    }

    public var name: String
    public var parameters: [Parameter]

    public init(name: String, parameters: [Parameter] = []) {
        self.name = name
        self.parameters = parameters
    }

    /// Parses one list element; nil when it breaks the grammar, including a
    /// quoted value that is not a token once unquoted ("When using the
    /// quoted-string syntax variant, the value after quoted-string unescaping
    /// MUST conform to the 'token' ABNF").
    public init?(parsing element: String) {
        var scanner = ExtensionScanner(element)
        guard let parsed = scanner.element() else { return nil }
        self = parsed
    }

    /// The elements of every field value in order (a header "MAY be split or
    /// combined across multiple lines", section 9.1), split at the commas
    /// outside quoted strings, trimmed, empty ones dropped.
    public static func elements(of fieldValues: [String]) -> [String] {
        fieldValues.flatMap(splitList)
    }

    /// The element as a header value: `name; param; param=value`.
    public var headerValue: String {
        parameters.reduce(name) { text, parameter in
            text + "; " + parameter.name + (parameter.value.map { "=" + $0 } ?? "")
        }
    }

    /// Splits one field value at the commas outside quoted strings.
    private static func splitList(_ value: String) -> [String] {
        var elements: [String] = []
        var current = String.UnicodeScalarView()
        var inQuotes = false
        var escaped = false
        for character in value.unicodeScalars {
            if character == ",", !inQuotes {
                elements.append(trimmed(current))
                current = String.UnicodeScalarView()
                continue
            }
            if escaped {
                escaped = false
            } else if inQuotes, character == "\\" {
                escaped = true
            } else if character == "\"" {
                inQuotes.toggle()
            }
            current.append(character)
        }
        elements.append(trimmed(current))
        return elements.filter { !$0.isEmpty }
    }

    /// Without leading and trailing SP and HTAB (OWS, RFC 9110 section 5.6.3).
    private static func trimmed(_ scalars: String.UnicodeScalarView) -> String {
        let isOWS: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = scalars.firstIndex(where: { !isOWS($0) }),
              let last = scalars.lastIndex(where: { !isOWS($0) })
        else { return "" }
        return String(scalars[first...last])
    }
}
