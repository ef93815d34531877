import ATMCore
import ATMDaemonSystem
import ATMProtocol
import ATMSystem
import Synchronization

/// Everything the daemon checks before it carries out a command: who the peer process is
/// (`SO_PEERCRED`), how many connections its user holds, the rate limit of the HTTP client behind
/// it, and the access policy for that client's identity.
///
/// The daemon holds this, not the handler, because the daemon lives long and is the one place every
/// command passes: a handler serves one connection and remembers nothing.
public final class AccessControl: Sendable {
    public let policy: AccessPolicy?
    public let limiter: RateLimiter
    /// Peers allowed admin commands (CREATE) besides root.
    public let adminUserIDs: Set<UInt32>
    /// The most connections one peer user may hold at once; root and admins are not capped.
    public let maximumClientsPerUser: Int
    private let connections = Mutex<[UInt32: Int]>([:])

    public init(
        policy: AccessPolicy?, limiter: RateLimiter, adminUserIDs: Set<UInt32>, maximumClientsPerUser: Int
    ) {
        self.policy = policy
        self.limiter = limiter
        self.adminUserIDs = adminUserIDs
        self.maximumClientsPerUser = maximumClientsPerUser
    }

    /// No policy, no rate limit, CREATE for root only, no per-user cap: for tests of other things.
    public static func open() -> AccessControl {
        AccessControl(
            policy: nil, limiter: RateLimiter(perMinute: 0, burst: 1, clock: { 0 }), adminUserIDs: [],
            maximumClientsPerUser: Int.max)
    }

    /// Whether `peer` may send admin commands.
    public func isAdmin(_ peer: PeerCredentials) -> Bool {
        peer.isRoot || adminUserIDs.contains(peer.userID)
    }

    /// Counts a new connection from `peer`; false (and not counted) when its user already holds the most.
    public func admit(_ peer: PeerCredentials) -> Bool {
        let exempt = isAdmin(peer)
        return connections.withLock { table in
            let held = table[peer.userID, default: 0]
            guard exempt || held < maximumClientsPerUser else { return false }
            table[peer.userID] = held + 1
            return true
        }
    }

    /// Gives back a connection ``admit(_:)`` counted.
    public func release(_ peer: PeerCredentials) {
        connections.withLock { table in
            let held = table[peer.userID, default: 1] - 1
            table[peer.userID] = held > 0 ? held : nil
        }
    }

    /// Why `request` from `peer` is refused, or `nil` to carry it out.
    ///
    /// Order: admin commands first (a peer's user, which the kernel vouches for), then the rate limit
    /// (so refused commands count too), then the policy.
    public func refusal(for request: StateRequest, from peer: PeerCredentials) -> ProtocolError? {
        if case .create = request.command, !isAdmin(peer) {
            return ProtocolError(.forbidden, "CREATE is for root or ATM_STATED_ADMIN_UID; this peer is \(peer)")
        }
        switch request.command {
        case .ping, .help, .quit, .ready: return nil  // never counted nor governed
        default: break
        }
        return refusal(
            identity: request.identity, address: request.address,
            decide: { $0.decision(for: request.command, identity: request.identity) })
    }

    /// The accounts LIST may name to `identity`: every one without a policy.
    public func readableAccounts(identity: ClientSubject?) -> AccessPolicy.ReadableAccounts {
        policy?.readableAccounts(identity: identity) ?? .all
    }

    /// Why `METRICS` from this client is refused, or `nil` to answer it: the same rate limit, and the
    /// policy's `metrics` operation (so that under a policy `/metrics` is for the identities it names).
    public func refusalOfMetrics(identity: ClientSubject?, address: ClientAddress?) -> ProtocolError? {
        refusal(
            identity: identity, address: address,
            decide: { $0.decision(for: .metrics, on: [], identity: identity) })
    }

    private func refusal(
        identity: ClientSubject?, address: ClientAddress?, decide: (AccessPolicy) -> AccessPolicy.Decision
    ) -> ProtocolError? {
        if let client = Self.rateKey(identity: identity, address: address), let seconds = limiter.take(for: client) {
            return ProtocolError(.rateLimited, "\(seconds) too many requests from this client; retry later")
        }
        guard let policy else { return nil }
        switch decide(policy) {
        case .allowed: return nil
        case .unauthenticated: return ProtocolError(.unauthenticated, "this command needs identity=")
        case .forbidden: return ProtocolError(.forbidden, "the access policy does not allow this")
        }
    }

    /// What a client is rate-limited by: its identity, else its address unless that is loopback (local
    /// use and tests), else nothing.
    static func rateKey(identity: ClientSubject?, address: ClientAddress?) -> String? {
        if let identity { return "i " + identity.text }
        if let address, !address.isLoopback { return "a " + address.text }
        return nil
    }

    /// One line for the start-up log: what is enforced.
    public var summary: String {
        let rules = policy.map { "\($0.rules.count) rule\($0.rules.count == 1 ? "" : "s")" }
        let rate =
            limiter.isEnabled ? "\(limiter.perMinute)/min burst \(limiter.burst) per client" : "no rate limit"
        let admins =
            adminUserIDs.isEmpty
            ? "root" : "root and uid " + adminUserIDs.sorted().map(String.init).joined(separator: ",")
        return "access: policy \(rules ?? "none (every client may use every route)"), \(rate), CREATE by \(admins), "
            + "at most \(maximumClientsPerUser) connections per peer uid"
    }
}
