import ATMBytes
import ATMCore

/// `HELLO <version>`, answered `OK HELLO <version>`: how a handler learns what the daemon speaks.
///
/// The handler sends it in the same write as the first command of a connection, after that command,
/// and reads the answer only before its next command: the first command goes in version 1's form,
/// which every daemon reads, so negotiating costs the one-request connection no round trip and no
/// read. A daemon from before `HELLO` answers it `ERR bad-command`, having changed nothing.
public struct ProtocolHello: Sendable, Hashable {
    /// The highest version the sender speaks.
    public let version: ProtocolVersion

    public init(version: ProtocolVersion = .current) {
        self.version = version
    }

    /// Writes `HELLO <version>` and its newline.
    public func write<Sink: ByteSink & ~Copyable>(to line: inout Sink) {
        line.append(ascii: "HELLO ")
        line.append(decimal: version.number)
        line.append(UInt8(ascii: "\n"))
    }

    /// Decodes a HELLO line (without its `\n`); `nil` for any other command.
    public init?(decoding line: ArraySlice<UInt8>) throws(ProtocolError) {
        guard ASCII.hasPrefix(line, "HELLO") else { return nil }
        var fields = try ProtocolFields(line)
        guard let verb = fields.next(), ASCII.equals(verb, "HELLO") else { return nil }
        guard let field = fields.next(), let number = DecimalDigits.parse(field, in: 1...ProtocolVersion.largestNumber),
            let version = ProtocolVersion(number)
        else {
            throw ProtocolError(.badArgument, "HELLO takes the highest version the client speaks, from 1")
        }
        while let field = fields.next() {
            try ProtocolAttribute(field).ignoreAsUnknown()
        }
        self.version = version
    }

    /// The daemon's answer, newline included: the version the connection speaks from now on, the
    /// lower of the client's and ours.
    public func answer(speaking ours: ProtocolVersion = .current) -> [UInt8] {
        var line: [UInt8] = []
        line.append(ascii: "OK HELLO ")
        line.append(decimal: min(version, ours).number)
        line.append(UInt8(ascii: "\n"))
        return line
    }

    /// What an answer to `HELLO` says about the daemon.
    public enum Answer: Sendable, Hashable {
        /// `OK HELLO <version>`: the connection speaks this version (attributes after it are ignored).
        case agreed(ProtocolVersion)
        /// `ERR bad-command …`: a daemon from before `HELLO`, which speaks version 1.
        case predatesHello
        /// Anything else: not a daemon this handler knows how to talk to.
        case unexpected
    }

    /// Reads the answer to a `HELLO` sent with version `asked` (a line without its `\n`).
    ///
    /// Only versions 2 and up answer `OK HELLO`, and never with more than was asked: anything else is unexpected.
    public static func answer(decoding line: ArraySlice<UInt8>, asked: ProtocolVersion = .current) -> Answer {
        if ASCII.hasPrefix(line, "ERR bad-command ") || ASCII.equals(line, "ERR bad-command") {
            return .predatesHello
        }
        guard ASCII.hasPrefix(line, "OK HELLO "), var fields = try? ProtocolFields(line.dropFirst(9)),
            let field = fields.next(), let number = DecimalDigits.parse(field, in: 2...asked.number),
            let version = ProtocolVersion(number)
        else { return .unexpected }
        while let field = fields.next() {
            guard (try? ProtocolAttribute(field).ignoreAsUnknown()) != nil else { return .unexpected }
        }
        return .agreed(version)
    }
}
