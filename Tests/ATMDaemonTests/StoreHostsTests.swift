import ATMDaemon
import Testing

/// `StoreHosts(uri:)`: the host lists libpq's multi-host URIs carry, and the ones refused at start.
@Suite struct StoreHostsTests {
    private func problem(_ uri: String) -> StoreHosts.Problem? {
        do {
            _ = try StoreHosts(uri: uri)
            return nil
        } catch {
            return error
        }
    }

    @Test func aSingleHostNeedsNoSessionAttributes() throws {
        let parsed = try StoreHosts(uri: "postgresql://atm:secret@db.example:5433/atm?connect_timeout=2")
        #expect(parsed.hosts == [StoreHosts.Host("db.example", port: 5433)])
        #expect(parsed.targetSessionAttributes == nil)
    }

    @Test func aURIWithoutHostsIsLibpqsDefault() throws {
        #expect(try StoreHosts(uri: "postgresql:///atm").hosts == [])
        #expect(try StoreHosts(uri: "postgres://").hosts == [])
    }

    @Test func severalHostsWithReadWriteAreReadInOrder() throws {
        let parsed = try StoreHosts(
            uri: "postgresql://u@h1:5432,h2:6432,[2001:db8::1]:7000/atm?target_session_attrs=read-write")
        #expect(
            parsed.hosts == [
                StoreHosts.Host("h1", port: 5432), StoreHosts.Host("h2", port: 6432),
                StoreHosts.Host("2001:db8::1", port: 7000),
            ])
        #expect(parsed.targetSessionAttributes == "read-write")
        #expect(try StoreHosts(uri: "postgresql://h1,h2/atm?target_session_attrs=primary").hosts.count == 2)
    }

    @Test func hostsInTheQueryOverrideTheAuthorityAndTakeTheirPorts() throws {
        let parsed = try StoreHosts(
            uri: "postgresql:///atm?host=%2Ftmp%2Fa,/tmp/b&port=5432,5433&target_session_attrs=read-write")
        #expect(parsed.hosts == [StoreHosts.Host("/tmp/a", port: 5432), StoreHosts.Host("/tmp/b", port: 5433)])
        let shared = try StoreHosts(uri: "postgresql:///atm?host=/tmp/a,/tmp/b&port=5432&target_session_attrs=primary")
        #expect(shared.hosts.map(\.port) == [5432, 5432])
    }

    @Test func severalHostsWithoutPrimaryOnlySessionsAreRefused() {
        #expect(problem("postgresql://h1,h2/atm") == .notPrimaryOnly(hosts: 2, attributes: nil))
        #expect(
            problem("postgresql://h1,h2/atm?target_session_attrs=any") == .notPrimaryOnly(hosts: 2, attributes: "any"))
        #expect(
            problem("postgresql:///atm?host=/a,/b&target_session_attrs=prefer-standby")
                == .notPrimaryOnly(hosts: 2, attributes: "prefer-standby"))
        let message = problem("postgresql://h1,h2/atm")?.description ?? ""
        #expect(message.contains("target_session_attrs=read-write"))
    }

    @Test func malformedHostListsAreRefused() {
        let attrs = "?target_session_attrs=read-write"
        #expect(problem("postgresql://h1,,h2/atm" + attrs) == .emptyHost)
        #expect(problem("postgresql://h1,/atm" + attrs) == .emptyHost)
        #expect(problem("postgresql://:5432,h2/atm" + attrs) == .emptyHost)
        #expect(problem("postgresql://h1:,h2/atm" + attrs) == .badPort(""))
        #expect(problem("postgresql://h1:54x2,h2/atm" + attrs) == .badPort("54x2"))
        #expect(problem("postgresql://h1:70000/atm") == .badPort("70000"))
        #expect(problem("postgresql://h1:0/atm") == .badPort("0"))
        #expect(problem("postgresql://[::1,h2/atm" + attrs) == .badBracket("[::1"))
        #expect(problem("postgresql://[::1]x/atm") == .badBracket("[::1]x"))
        #expect(problem("postgresql:///atm?host=/a,,/b&target_session_attrs=read-write") == .emptyHost)
        #expect(
            problem("postgresql://h1,h2,h3/atm?port=1,2&target_session_attrs=read-write")
                == .portCount(hosts: 3, ports: 2))
        #expect(problem("postgresql://h1/atm?port=") == .badPort(""))
        #expect(problem("postgresql://h1,h2/atm" + attrs)?.description == nil)
    }
}
