/// The hosts a PostgreSQL `ATM_STATED_STORE` URI names, checked at start so that a failover setting that
/// cannot work is refused (exit 78) instead of found out when the primary dies.
///
/// libpq takes several hosts (`postgresql://h1:5432,h2:5432/atm?target_session_attrs=read-write`, or
/// `host=h1,h2` in the query) and tries them in order on every connection; that is how atm-stated finds the
/// new primary after a failover. Two mistakes are caught here: a host list libpq would read differently
/// from what the operator meant (an empty entry, a port that is no number), and several hosts without
/// `target_session_attrs=read-write` (or `primary`), with which libpq would happily connect to a standby
/// and every change would fail there, or to a demoted primary.
public struct StoreHosts: Sendable, Equatable {
    /// One host of the list: a name, an address (IPv6 without its brackets) or a socket directory.
    public struct Host: Sendable, Equatable {
        public let name: String
        public let port: Int?

        public init(_ name: String, port: Int? = nil) {
            self.name = name
            self.port = port
        }
    }

    /// Why a URI's hosts cannot be used; `description` is the start-up message.
    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        /// An entry of the host list is empty (`h1,,h2`, a trailing comma).
        case emptyHost
        /// A port that is not a number from 1 to 65535, or an empty one after `:`.
        case badPort(String)
        /// `[` without its `]`, or something other than `:port` after it.
        case badBracket(String)
        /// `port=` lists a number of ports that is neither one nor the number of hosts.
        case portCount(hosts: Int, ports: Int)
        /// Several hosts and no `target_session_attrs` that keeps the sessions on the primary.
        case notPrimaryOnly(hosts: Int, attributes: String?)

        public var description: String {
            switch self {
            case .emptyHost: "ATM_STATED_STORE has a malformed host list: an empty host"
            case .badPort(let port):
                "ATM_STATED_STORE has a malformed host list: port \(port.debugDescription) is not a number from 1 to 65535"
            case .badBracket(let host):
                "ATM_STATED_STORE has a malformed host list: \(host.debugDescription) is not [address] or [address]:port"
            case .portCount(let hosts, let ports):
                "ATM_STATED_STORE has a malformed host list: \(ports) ports for \(hosts) hosts (give one, or one per host)"
            case .notPrimaryOnly(let hosts, let attributes):
                "ATM_STATED_STORE names \(hosts) hosts"
                    + (attributes.map { " with target_session_attrs=\($0)" } ?? " without target_session_attrs")
                    + ": add target_session_attrs=read-write (or primary), or changes could be sent to a standby"
            }
        }
    }

    /// The hosts in the order libpq tries them; empty when the URI names none (libpq's default socket).
    public let hosts: [Host]
    /// The `target_session_attrs` parameter, if any.
    public let targetSessionAttributes: String?

    /// Reads `uri` (`postgresql://` or `postgres://`): the hosts of its authority, or of a `host=` parameter,
    /// which libpq lets override them.
    public init(uri: String) throws(Problem) {
        var rest = Substring(uri)
        for scheme in ["postgresql://", "postgres://"] where rest.hasPrefix(scheme) {
            rest = rest.dropFirst(scheme.count)
        }
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        let parameters = StoreHosts.parameters(rest[authorityEnd...])

        var hosts: [Host] = []
        if let listed = parameters["host"] {
            hosts = try StoreHosts.split(listed).map { Host(String($0)) }
        } else if !authority.isEmpty {
            hosts = try StoreHosts.split(authority).map(StoreHosts.host)
        }
        if let ports = parameters["port"] {
            let numbers = try ports.split(separator: ",", omittingEmptySubsequences: false).map(StoreHosts.port)
            let count = max(hosts.count, 1)
            guard numbers.count == 1 || numbers.count == count else {
                throw .portCount(hosts: count, ports: numbers.count)
            }
            if !hosts.isEmpty {
                hosts = hosts.enumerated().map { index, host in
                    Host(host.name, port: numbers.count == 1 ? numbers[0] : numbers[index])
                }
            }
        }
        let attributes = parameters["target_session_attrs"].map(String.init)
        if hosts.count > 1 && attributes != "read-write" && attributes != "primary" {
            throw .notPrimaryOnly(hosts: hosts.count, attributes: attributes)
        }
        self.hosts = hosts
        self.targetSessionAttributes = attributes
    }

    /// The entries of a comma-separated list; an empty one is a mistake.
    private static func split(_ list: Substring) throws(Problem) -> [Substring] {
        let entries = list.split(separator: ",", omittingEmptySubsequences: false)
        guard !entries.contains(where: \.isEmpty) else { throw .emptyHost }
        return entries
    }

    /// `name`, `name:port`, `[address]` or `[address]:port`, percent-decoded.
    private static func host(_ entry: Substring) throws(Problem) -> Host {
        if entry.hasPrefix("[") {
            guard let close = entry.firstIndex(of: "]"), close > entry.index(after: entry.startIndex) else {
                throw .badBracket(String(entry))
            }
            let address = String(entry[entry.index(after: entry.startIndex)..<close])
            let after = entry[entry.index(after: close)...]
            if after.isEmpty { return Host(address) }
            guard after.hasPrefix(":") else { throw .badBracket(String(entry)) }
            return Host(address, port: try port(after.dropFirst()))
        }
        guard let colon = entry.lastIndex(of: ":") else { return Host(decoded(entry)) }
        let name = entry[..<colon]
        guard !name.isEmpty else { throw .emptyHost }
        return Host(decoded(name), port: try port(entry[entry.index(after: colon)...]))
    }

    private static func port(_ text: Substring) throws(Problem) -> Int {
        guard !text.isEmpty, text.count <= 5, text.allSatisfy(\.isASCII), let number = Int(text),
            (1...65535).contains(number)
        else { throw .badPort(String(text)) }
        return number
    }

    /// The query's `name=value` pairs, values percent-decoded; the last of a repeated name wins, as in libpq.
    private static func parameters(_ pathAndQuery: Substring) -> [String: Substring] {
        guard let question = pathAndQuery.firstIndex(of: "?") else { return [:] }
        var found: [String: Substring] = [:]
        for pair in pathAndQuery[pathAndQuery.index(after: question)...].split(separator: "&") {
            guard let equals = pair.firstIndex(of: "=") else { continue }
            found[decoded(pair[..<equals])] = Substring(decoded(pair[pair.index(after: equals)...]))
        }
        return found
    }

    /// `%XX` escapes decoded (as libpq does in URIs); a broken escape is kept as written, for libpq to refuse.
    private static func decoded(_ text: Substring) -> String {
        guard text.contains("%") else { return String(text) }
        var bytes: [UInt8] = []
        var index = text.utf8.startIndex
        let utf8 = text.utf8
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "%"), let high = utf8.index(index, offsetBy: 1, limitedBy: utf8.endIndex),
                let low = utf8.index(index, offsetBy: 2, limitedBy: utf8.endIndex), low < utf8.endIndex,
                let value = UInt8(String(decoding: [utf8[high], utf8[low]], as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                index = utf8.index(after: low)
            } else {
                bytes.append(byte)
                index = utf8.index(after: index)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
