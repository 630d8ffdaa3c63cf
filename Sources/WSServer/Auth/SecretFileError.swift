import Glibc

/// Why a secret file cannot be used; `description` names the file and the
/// rule, never the content, and is what the server prints before exiting.
public struct SecretFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What is wrong with the file.
    public enum Problem: Equatable, Sendable {
        /// `open` or `read` failed with this errno.
        case unreadable(Int32)
        /// The secret has this many bytes, fewer than the minimum.
        case tooShort(Int)
        case tooLong
        /// An API key with a character `Authorization: Bearer` cannot carry.
        case notB64Token
    }

    public let path: String
    public let kind: SecretFile.Kind
    public let problem: Problem

    public var description: String {
        let file = "\(kind.noun) '\(path)'"
        switch problem {
        case .unreadable(let code):
            return "cannot read \(file): \(String(cString: strerror(code)))"
        case .tooShort(let count):
            return "\(file) holds \(count) bytes (without its trailing newline); at least \(kind.minimumBytes) are needed, e.g. from 'openssl rand -hex 32'"
        case .tooLong:
            return "\(file) holds more than \(SecretFile.maximumBytes) bytes, which is not a key"
        case .notB64Token:
            return "\(file) may hold only letters, digits and - . _ ~ + / (then = at the end): the key is sent as 'Authorization: Bearer KEY'"
        }
    }
}
