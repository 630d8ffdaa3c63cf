import WSProtocol

/// Strings and numbers: the two token kinds whose grammar is more than a
/// fixed literal (RFC 8259 sections 6 and 7).
extension JSONParser {
    /// A string token starting at the opening quote. The common case without
    /// escapes becomes a `String` straight from the input bytes.
    mutating func parseString() throws(Failure) -> String {
        index += 1
        let start = index
        var allBits: UInt8 = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let utf8 = UnsafeBufferPointer(rebasing: bytes[start..<index])
                let text = allBits < 0x80
                    ? String(decoding: utf8, as: UTF8.self)
                    : try validatedString(utf8, offset: start)
                index += 1
                return text
            }
            allBits |= byte
            if byte == UInt8(ascii: "\\") { return try parseEscapedString(from: start) }
            // "All Unicode characters may be placed within the quotation marks,
            // except for the characters that MUST be escaped: quotation mark,
            // reverse solidus, and the control characters (U+0000 through U+001F)."
            guard byte >= 0x20 else { throw failure(.controlCharacterInString) }
            index += 1
        }
        throw failure(.unexpectedEnd)
    }

    private mutating func parseEscapedString(from start: Int) throws(Failure) -> String {
        var decoded: [UInt8] = []
        decoded.reserveCapacity(index - start + 32)
        decoded.append(contentsOf: bytes[start..<index])
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return try decoded.withUnsafeBufferPointer { (buffer) throws(Failure) in
                    try validatedString(buffer, offset: start)
                }
            }
            if byte == UInt8(ascii: "\\") {
                try appendEscape(to: &decoded)
                continue
            }
            guard byte >= 0x20 else { throw failure(.controlCharacterInString) }
            decoded.append(byte)
            index += 1
        }
        throw failure(.unexpectedEnd)
    }

    /// Escapes only ever produce whole scalars, so validating the decoded
    /// bytes checks exactly the raw UTF-8 that came from the input. (ASCII
    /// needs no check: the fast path skips this when no byte has the high bit.)
    private func validatedString(_ utf8: UnsafeBufferPointer<UInt8>, offset: Int) throws(Failure) -> String {
        var validator = UTF8Validator()
        guard validator.validate(UnsafeRawBufferPointer(utf8)), validator.isComplete else {
            throw Failure(reason: .invalidUTF8, offset: offset)
        }
        return String(decoding: utf8, as: UTF8.self)
    }

    /// Decodes the escape at `index` (a backslash) onto `out`.
    private mutating func appendEscape(to out: inout [UInt8]) throws(Failure) {
        index += 1
        guard index < bytes.count else { throw failure(.unexpectedEnd) }
        let escaped = bytes[index]
        index += 1
        switch escaped {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escaped)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"): UTF8.encode(try parseUnicodeEscape()) { out.append($0) }
        default:
            index -= 1
            throw failure(.invalidEscape)
        }
    }

    /// The scalar of a `\uXXXX` escape whose `\u` was just consumed. A high
    /// surrogate must be followed at once by an escaped low surrogate; either
    /// half alone names no character and is rejected.
    private mutating func parseUnicodeEscape() throws(Failure) -> Unicode.Scalar {
        let first = try parseHex4()
        var value = first
        if (0xD800...0xDBFF).contains(first) {
            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
            else { return try loneSurrogate() }
            let resume = index
            index += 2
            let second = try parseHex4()
            guard (0xDC00...0xDFFF).contains(second) else {
                index = resume
                return try loneSurrogate()
            }
            value = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        }
        guard let scalar = Unicode.Scalar(value) else { return try loneSurrogate() }
        return scalar
    }

    /// A surrogate half alone names no character: an error, or U+FFFD when
    /// the options say so.
    private func loneSurrogate() throws(Failure) -> Unicode.Scalar {
        guard options.replacesLoneSurrogates else { throw failure(.loneSurrogate) }
        return "\u{FFFD}"
    }

    private mutating func parseHex4() throws(Failure) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard index < bytes.count, let digit = JSONParser.hexDigitValue(bytes[index]) else {
                throw index < bytes.count ? failure(.invalidEscape) : failure(.unexpectedEnd)
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    private static func hexDigitValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    /// `[ minus ] int [ frac ] [ exp ]`, returned as its source text.
    mutating func parseNumber() throws(Failure) -> String {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, JSONParser.isDigit(bytes[index]) else { throw failure(.invalidNumber) }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            // "Leading zeros are not allowed."
            if index < bytes.count, JSONParser.isDigit(bytes[index]) { throw failure(.invalidNumber) }
        } else {
            skipDigits()
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            try requireDigits()
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            try requireDigits()
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    }

    private mutating func requireDigits() throws(Failure) {
        guard index < bytes.count, JSONParser.isDigit(bytes[index]) else { throw failure(.invalidNumber) }
        skipDigits()
    }

    private mutating func skipDigits() {
        while index < bytes.count, JSONParser.isDigit(bytes[index]) { index += 1 }
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
