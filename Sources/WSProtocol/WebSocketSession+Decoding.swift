/// Messages a negotiated extension transformed (RSV1 under permessage-deflate):
/// collected whole, their compressed size held to the message limit by
/// `begin`, then decoded with the limit on the decoded size, and decoded text
/// validated (section 8.1), since compressed bytes cannot be checked as
/// they stream in.
///
/// This path stays out of line on purpose: `receive` reaches it through one
/// flag per frame, so the code of the plain path is what it was without
/// extensions (inlined here, the larger `receive` lost the inlining of the
/// UTF-8 validator, about 40 instructions per plain frame).
extension WebSocketSession {
    @inline(never)
    mutating func takeTransformed(
        _ chunk: UnsafeRawBufferPointer, isLast: Bool, _ onEvent: (Event, inout OutboundBuffer) -> Void
    ) throws(ProtocolError) {
        guard let current = message else { return }
        guard isLast, frame?.fin == true else {
            messageBuffer.append(contentsOf: chunk)
            return
        }
        message = nil
        let bits = messageBits
        messageBits = []
        let opcode: Opcode = current.isText ? .text : .binary
        if messageBuffer.isEmpty {
            // The whole message arrived in this chunk: decode it in place.
            return try reportDecoded(opcode, bits, chunk, onEvent)
        }
        messageBuffer.append(contentsOf: chunk)
        let whole = Payload.owned(messageBuffer)
        messageBuffer = []
        try whole.withBytes { (bytes) throws(ProtocolError) in try reportDecoded(opcode, bits, bytes, onEvent) }
    }

    private mutating func reportDecoded(
        _ opcode: Opcode, _ bits: ReservedBits, _ payload: UnsafeRawBufferPointer,
        _ onEvent: (Event, inout OutboundBuffer) -> Void
    ) throws(ProtocolError) {
        // The parser lets reserved bits through only when an extension claims them.
        guard let messageExtension else { throw .reservedBitsSet }
        try messageExtension.decode(payload, bits: bits, limit: maxMessageSize) { (decoded) throws(ProtocolError) in
            if opcode == .text {
                var validator = UTF8Validator()
                guard validator.validate(decoded), validator.isComplete else { throw .invalidUTF8 }
            }
            try report(opcode, decoded, onEvent)
        }
    }
}
