import ATMBytes
import ATMCore

/// A client's certificate subject on a protocol line travels percent-encoded
/// (`identity=CN=terminal-0042,%20O=ATM%20network`): a subject may hold spaces, which separate fields, and any
/// byte at all. Every byte outside visible ASCII, and `%` itself, is written as `%XX`, so the encoding is
/// one-to-one.
extension ClientSubject {
    /// The percent-encoded form that travels after `identity=`.
    public var encoded: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        write(to: &out)
        return out
    }

    /// Writes ``encoded`` into `out`.
    public func write<Sink: ByteSink & ~Copyable>(to out: inout Sink) {
        for byte in bytes {
            if byte > 0x20 && byte < 0x7F && byte != UInt8(ascii: "%") {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hex: byte, uppercase: true)
            }
        }
    }

    /// Decodes the form ``encoded`` writes; `nil` for a stray `%`, a bad hex digit, or a subject that
    /// is empty or too long. A byte written as `%XX` that need not be is accepted.
    public init?(encoded: ArraySlice<UInt8>) {
        guard let bytes = ASCII.percentDecoded(encoded) else { return nil }
        self.init(bytes)
    }
}
