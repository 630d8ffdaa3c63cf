/// Every way a peer's HTTP head can be refused (RFC 9112), each with the
/// status the server answers it with, decided here and nowhere else.
public enum HTTPParseError: Error, Equatable, Sendable {
    /// More than `HTTPHeadLimits.maxHeadBytes` before the empty line.
    case headTooLarge(limit: Int)
    /// More than `HTTPHeadLimits.maxHeaderCount` field lines.
    case tooManyHeaders(limit: Int)
    /// A request line that is not `method SP request-target SP HTTP-version`.
    case invalidRequestLine
    /// A method that is not a token.
    case invalidMethod
    /// A request-target with whitespace, control or non-ASCII bytes.
    case invalidTarget
    /// Not `HTTP/` DIGIT `.` DIGIT.
    case invalidVersion
    /// A well-formed version whose major number is not 1.
    case unsupportedVersion(HTTPVersion)
    /// A status line that is not `HTTP-version SP 3DIGIT [SP reason-phrase]`.
    case invalidStatusLine
    /// A field line without a colon.
    case missingColon
    /// A field name that is empty or not a token.
    case invalidFieldName
    /// Whitespace between a field name and its colon (RFC 9112 section 5.1).
    case whitespaceBeforeColon
    /// A line that starts with whitespace and continues the previous field (section 5.2).
    case obsoleteLineFolding
    /// A line that starts with whitespace right after the start line (section 2.2).
    case whitespaceBeforeFirstField
    /// A field value containing NUL or a bare CR (RFC 9110 section 5.5).
    case invalidFieldValue

    /// What the server answers: 431 for the limits, 505 for a version it
    /// does not speak, 400 for every other malformed head.
    public var status: HTTPStatus {
        switch self {
        case .headTooLarge, .tooManyHeaders: .requestHeaderFieldsTooLarge
        case .unsupportedVersion: .httpVersionNotSupported
        case .invalidRequestLine, .invalidMethod, .invalidTarget, .invalidVersion, .invalidStatusLine,
             .missingColon, .invalidFieldName, .whitespaceBeforeColon, .obsoleteLineFolding,
             .whitespaceBeforeFirstField, .invalidFieldValue:
            .badRequest
        }
    }

    /// A short reason for the response body and the logs.
    public var reason: String {
        switch self {
        case .headTooLarge(let limit): "head over \(limit) bytes"
        case .tooManyHeaders(let limit): "more than \(limit) header fields"
        case .invalidRequestLine: "malformed request line"
        case .invalidMethod: "method is not a token"
        case .invalidTarget: "invalid request target"
        case .invalidVersion: "malformed HTTP version"
        case .unsupportedVersion(let version): "\(version) not supported"
        case .invalidStatusLine: "malformed status line"
        case .missingColon: "header line without a colon"
        case .invalidFieldName: "header name is not a token"
        case .whitespaceBeforeColon: "whitespace between header name and colon"
        case .obsoleteLineFolding: "obsolete line folding"
        case .whitespaceBeforeFirstField: "whitespace before the first header"
        case .invalidFieldValue: "header value with NUL or CR"
        }
    }
}
