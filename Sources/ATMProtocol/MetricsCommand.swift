import ATMBytes
import ATMCore

/// The two commands about the daemon itself rather than about money: `REPORT` and `METRICS`.
///
/// `REPORT <route> <status>` tells the daemon that a handler answered one HTTP request, so that
/// `atm_http_responses_total` counts responses although each handler lives for one connection.
/// It is the one command that gets **no reply**: a handler sends it after its response and
/// never waits, and a malformed one is dropped silently, so the reply stream of a connection
/// that mixes it with other commands stays one reply per other command. The daemon only counts
/// it; it moves no money and is trusted for nothing else.
///
/// `METRICS [identity=SUBJECT] [address=ADDRESS]` is answered `OK <byte count>` and a newline, then
/// exactly that many bytes: the Prometheus text exposition, which has newlines of its own. The two
/// attributes are those of every other command: the access policy and the rate limit govern METRICS
/// too, since `/metrics` is for operators. Both ignore attributes they do not know, as every command does.
public enum MetricsCommand: Sendable, Hashable {
    case report(ReportedRoute, status: Int)
    case metrics(identity: ClientSubject? = nil, address: ClientAddress? = nil)

    /// The largest METRICS text a client reads; a longer count is a malformed reply.
    public static let maximumTextBytes = 1 << 20

    /// The line to send, newline included.
    public var encoded: [UInt8] {
        var line: [UInt8] = []
        line.reserveCapacity(32)
        write(to: &line)
        return line
    }

    /// Writes ``encoded`` into `line`.
    public func write<Sink: ByteSink & ~Copyable>(to line: inout Sink) {
        switch self {
        case .report(let route, let status):
            line.append(ascii: "REPORT ")
            line.append(utf8: route.rawValue)
            line.append(UInt8(ascii: " "))
            line.append(decimal: Int64(status))
        case .metrics(let identity, let address):
            line.append(ascii: "METRICS")
            StateRequest.appendClientAttributes(identity: identity, address: address, to: &line)
        }
        line.append(UInt8(ascii: "\n"))
    }

    /// Whether `line` is a REPORT, well formed or not: it is never answered.
    public static func isReport(_ line: ArraySlice<UInt8>) -> Bool {
        ASCII.hasPrefix(line, "REPORT ") || ASCII.equals(line, "REPORT")
    }

    /// Decodes a REPORT or METRICS line (without its `\n`; a trailing `\r` is tolerated); `nil`
    /// for any other command, which is a ``StateRequest``'s business.
    public init?(decoding line: ArraySlice<UInt8>) throws(ProtocolError) {
        // Every command line passes here first: leave the rest to StateRequest without a second scan.
        guard ASCII.hasPrefix(line, "METRICS") || Self.isReport(line) else { return nil }
        var fields = try ProtocolFields(line)
        guard let verb = fields.next() else { return nil }
        if ASCII.equals(verb, "METRICS") {
            var identity: ClientSubject?
            var address: ClientAddress?
            while let field = fields.next() {
                let attribute = try ProtocolAttribute(field)
                guard !ASCII.equals(attribute.name, "key") else {
                    // As on every command that moves no money: a key promises what METRICS cannot keep.
                    throw ProtocolError(.badArgument, "only DEPOSIT, WITHDRAW and TRANSFER take a key")
                }
                if try !StateRequest.readClientAttribute(
                    attribute.name, attribute.value, identity: &identity, address: &address)
                {
                    try attribute.ignoreAsUnknown()
                }
            }
            self = .metrics(identity: identity, address: address)
        } else if ASCII.equals(verb, "REPORT") {
            guard let name = fields.next(), let route = ReportedRoute(name) else {
                throw ProtocolError(.badArgument, "REPORT takes a known route name")
            }
            let status = Int(try fields.cents(in: 100...599))
            guard ReportedRoute.reportableStatuses.contains(status) else {
                throw ProtocolError(.badArgument, "REPORT takes a status the handler can answer")
            }
            while let field = fields.next() {
                try ProtocolAttribute(field).ignoreAsUnknown()
            }
            self = .report(route, status: status)
        } else {
            return nil
        }
    }
}
