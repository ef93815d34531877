import ATMDaemonSystem
import ATMSystem

/// The environment that shapes ``AccessControl``, read once at start; a bad value refuses to start.
///
///     ATM_STATED_POLICY                the access policy file (default: none, every route open)
///     ATM_STATED_ADMIN_UID             a uid besides root that may CREATE
///     ATM_STATED_ADMIN_USER            the same, by user name
///     ATM_STATED_MAX_CLIENTS_PER_UID   connections one non-admin uid may hold (default half of ATM_STATED_MAX_CLIENTS)
///     ATM_STATED_RATE_PER_MINUTE       commands a minute per client identity or address (default 120; 0: off)
///     ATM_STATED_RATE_BURST            commands a client may send at once (default 20)
public enum AccessSettings {
    /// Defaults sized for an ATM: a customer's visit is a handful of requests over a minute or more, so a
    /// terminal that sends 20 at once or more than 2 a second for long is broken or not a terminal.
    public static let defaultRatePerMinute = 120
    public static let defaultRateBurst = 20

    public static let usage = """
          ATM_STATED_POLICY            access policy file: which identities may do what (default: none)
          ATM_STATED_ADMIN_UID         a uid besides root that may CREATE (or ATM_STATED_ADMIN_USER, by name)
          ATM_STATED_MAX_CLIENTS_PER_UID  connections one non-admin peer uid may hold (default: half the clients)
          ATM_STATED_RATE_PER_MINUTE   commands a minute per client identity or address (default 120; 0: off)
          ATM_STATED_RATE_BURST        commands a client may send at once (default 20)
        """

    /// Reads the settings; `maximumClients` sizes the per-uid default.
    public static func make(
        environment: (String) -> String? = Environment.value, maximumClients: Int
    ) throws(DaemonConfiguration.Failure) -> AccessControl {
        var policy: AccessPolicy? = nil
        if let path = environment("ATM_STATED_POLICY") {
            let text: [UInt8]
            do {
                text = try FileDescriptor.readWholeFile(path, limit: 16 << 20)
            } catch {
                throw .config("ATM_STATED_POLICY \(path.debugDescription) cannot be read: \(error)")
            }
            do {
                policy = try AccessPolicy(parsing: text)
            } catch {
                throw .config("ATM_STATED_POLICY \(path.debugDescription) \(error)")
            }
        }
        func integer(_ name: String, _ defaultValue: Int, _ range: ClosedRange<Int>) throws(DaemonConfiguration.Failure)
            -> Int
        {
            do {
                return try Setting.integer(name, from: environment, default: defaultValue, in: range)
            } catch {
                throw .config(error.description)
            }
        }
        var admins = Set<UInt32>()
        if environment("ATM_STATED_ADMIN_UID") != nil {
            admins.insert(UInt32(try integer("ATM_STATED_ADMIN_UID", 0, 0...4_294_967_294)))
        }
        if let name = environment("ATM_STATED_ADMIN_USER") {
            guard let uid = PeerCredentials.userID(named: name) else {
                throw .config("ATM_STATED_ADMIN_USER \(name.debugDescription) is no user here")
            }
            admins.insert(uid)
        }
        let perUser = try integer("ATM_STATED_MAX_CLIENTS_PER_UID", max(1, maximumClients / 2), 1...65_536)
        let perMinute = try integer("ATM_STATED_RATE_PER_MINUTE", defaultRatePerMinute, 0...6_000_000)
        let burst = try integer("ATM_STATED_RATE_BURST", defaultRateBurst, 1...1_000_000)
        let limiter = RateLimiter(perMinute: perMinute, burst: burst, clock: { Deadline.now.nanoseconds / 1_000_000 })
        return AccessControl(policy: policy, limiter: limiter, adminUserIDs: admins, maximumClientsPerUser: perUser)
    }
}
