import CPosix

/// Read-only access to the process environment, at the edge where configuration enters.
public enum Environment {
    /// The variable's value, or `nil` when it is unset.
    public static func value(_ name: String) -> String? {
        name.withCString { cName in
            guard let raw = getenv(cName) else { return nil }
            return String(decoding: UnsafeRawBufferPointer(start: raw, count: strlen(raw)), as: UTF8.self)
        }
    }

    /// The variable's raw bytes, or `nil` when it is unset; for values parsed as bytes.
    public static func bytes(_ name: String) -> [UInt8]? {
        name.withCString { cName in
            guard let raw = getenv(cName) else { return nil }
            return Array(UnsafeRawBufferPointer(start: raw, count: strlen(raw)))
        }
    }

    /// Removes a variable, so that child processes do not inherit it.
    public static func remove(_ name: String) {
        unsetenv(name)
    }
}
