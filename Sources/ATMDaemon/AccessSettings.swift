import ATMDaemonSystem
import ATMSystem

/// The environment that shapes ``AccessControl`` (ATM_STATED_POLICY, …_ADMIN_UID, …_ADMIN_USER,
/// …_MAX_CLIENTS_PER_UID, …_RATE_PER_MINUTE, …_RATE_BURST: ``DaemonSettings``), read once at start; a bad
/// value refuses to start.
public enum AccessSettings {
    /// Reads the settings; `maximumClients` sizes the per-uid default.
    public static func make(
        environment: (String) -> String? = Environment.value, maximumClients: Int
    ) throws(DaemonConfiguration.Failure) -> AccessControl {
        var policy: AccessPolicy? = nil
        if let path = environment(DaemonSettings.policy.name) {
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
        if environment(DaemonSettings.adminUserID.name) != nil {
            admins.insert(UInt32(try integer(DaemonSettings.adminUserID.name, 0, 0...4_294_967_294)))
        }
        if let name = environment(DaemonSettings.adminUser.name) {
            guard let uid = PeerCredentials.userID(named: name) else {
                throw .config("ATM_STATED_ADMIN_USER \(name.debugDescription) is no user here")
            }
            admins.insert(uid)
        }
        let perUser = try integer(
            DaemonSettings.clientsPerUser.name, DaemonSettings.clientsPerUser(maximumClients: maximumClients),
            DaemonSettings.clientsPerUserRange)
        let perMinute = try integer(
            DaemonSettings.ratePerMinute.name, DaemonSettings.ratePerMinute.defaultValue,
            DaemonSettings.ratePerMinute.range)
        let burst = try integer(
            DaemonSettings.rateBurst.name, DaemonSettings.rateBurst.defaultValue,
            DaemonSettings.rateBurst.range)
        let limiter = RateLimiter(perMinute: perMinute, burst: burst, clock: { Deadline.now.nanoseconds / 1_000_000 })
        return AccessControl(policy: policy, limiter: limiter, adminUserIDs: admins, maximumClientsPerUser: perUser)
    }
}
