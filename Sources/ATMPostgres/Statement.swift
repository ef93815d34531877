#if PostgreSQL
    /// One SQL statement with `$n` parameters, prepared once per connection under `name`.
    ///
    /// Values only ever travel as parameters; `text` is a constant of this module. `setup` is constant SQL the
    /// statement needs in the session (a `pg_temp` function), run on a connection just before the first prepare.
    struct Statement: Sendable, Hashable {
        let name: String
        let text: String
        var setup: String? = nil
    }
#endif
