#if PostgreSQL
    /// One SQL statement with `$n` parameters, prepared once per connection under `name`.
    ///
    /// Values only ever travel as parameters; `text` is a constant of this module.
    struct Statement: Sendable, Hashable {
        let name: String
        let text: String
    }
#endif
