import CPosix

/// Read-only access to the process environment, at the edge where configuration enters.
///
/// Names are compared byte by byte here rather than with `getenv`, whose musl version (the Embedded
/// handler's C library) runs `strncmp` over every entry for every name: that cost more than the rest
/// of reading the handler's settings. The semantics are musl's `getenv`'s: the first entry of a name
/// wins, and a name that is empty or holds `=` or NUL is never set.
public enum Environment {
    /// A NUL-terminated `environ`-style list of `NAME=value` entries.
    public typealias Entries = UnsafePointer<UnsafeMutablePointer<CChar>?>

    /// The variable's value, or `nil` when it is unset.
    public static func value(_ name: String) -> String? {
        withValue(of: name, in: cposix_environ()) { $0.map { String(decoding: $0, as: UTF8.self) } }
    }

    /// The variable's raw bytes, or `nil` when it is unset; for values parsed as bytes.
    public static func bytes(_ name: String) -> [UInt8]? {
        withValue(of: name, in: cposix_environ()) { $0.map { Array($0) } }
    }

    /// Runs `body` with the value's bytes as they are in `entries` (`nil` when unset).
    static func withValue<Result>(
        of name: String, in entries: Entries?, _ body: (UnsafeRawBufferPointer?) -> Result
    ) -> Result {
        guard var cursor = entries else { return body(nil) }
        var name = name
        return name.withUTF8 { wanted in
            while let entry = cursor.pointee {
                cursor += 1
                if let value = value(in: entry, named: wanted) { return body(value) }
            }
            return body(nil)
        }
    }

    /// The value in the `NAME=value` entry when its name is `name`, else `nil`.
    private static func value(in entry: UnsafePointer<CChar>, named name: UnsafeBufferPointer<UInt8>)
        -> UnsafeRawBufferPointer?
    {
        guard let start = name.baseAddress, !name.isEmpty else { return nil }
        let bytes = UnsafeRawPointer(entry).assumingMemoryBound(to: UInt8.self)
        guard Self.entry(bytes, startsWith: start, count: name.count), bytes[name.count] == UInt8(ascii: "=")
        else { return nil }
        let value = UnsafeRawPointer(bytes + name.count + 1)
        return UnsafeRawBufferPointer(start: value, count: strlen(value.assumingMemoryBound(to: CChar.self)))
    }

    /// Whether the NUL-terminated `entry` starts with the `count` bytes of a name at `start`. A name
    /// with `=` or NUL in it never matches (it cannot be set), and the comparison stops at the first
    /// difference, so it never reads past the entry's NUL.
    private static func entry(_ entry: UnsafePointer<UInt8>, startsWith start: UnsafePointer<UInt8>, count: Int)
        -> Bool
    {
        for offset in 0..<count {
            let byte = start[offset]
            if byte == 0 || byte == UInt8(ascii: "=") || entry[offset] != byte { return false }
        }
        return true
    }

    /// Removes a variable, so that child processes do not inherit it.
    public static func remove(_ name: String) {
        unsetenv(name)
    }

    /// The variables whose names start with a prefix, found in one pass over the environment.
    ///
    /// `getenv` scans the whole environment for each name; a handler reading nine settings did
    /// that nine times (and built a C string for each name) before serving one request. Only a
    /// value that is asked for becomes a `String`. Valid until the environment is changed.
    public struct Snapshot {
        /// The matching `NAME=value` entries, in the environment's order.
        private var entries: [UnsafePointer<CChar>] = []

        /// Every entry of the process's environment whose name starts with `prefix`.
        public init(prefix: StaticString) {
            self.init(prefix: prefix, in: cposix_environ())
        }

        /// Every entry of `entries` whose name starts with `prefix` (tests give their own list).
        init(prefix: StaticString, in entries: Entries?) {
            guard var cursor = entries else { return }
            while let entry = cursor.pointee {
                cursor += 1
                let bytes = UnsafeRawPointer(entry).assumingMemoryBound(to: UInt8.self)
                if Environment.entry(bytes, startsWith: prefix.utf8Start, count: prefix.utf8CodeUnitCount) {
                    self.entries.append(UnsafePointer(entry))
                }
            }
        }

        /// The variable's value, or `nil` when it is unset; the first entry wins, as with `getenv`.
        public func value(_ name: String) -> String? {
            var name = name
            return name.withUTF8 { wanted in
                for entry in entries {
                    if let value = Environment.value(in: entry, named: wanted) {
                        return String(decoding: value, as: UTF8.self)
                    }
                }
                return nil
            }
        }
    }
}
