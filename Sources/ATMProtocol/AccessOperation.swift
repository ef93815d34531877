/// What a command is, for the access policy: one per route that names an account, and `/metrics`.
///
/// Spelled as in a policy file's OPERATIONS (docs/security.md); ``RouteName/operation`` says which
/// route each one is.
public enum AccessOperation: String, Sendable, Hashable, CaseIterable {
    case balance, deposit, withdraw, transfer, history, metrics
}
