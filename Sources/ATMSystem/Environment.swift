import CPosix

/// Read-only access to the process environment, at the edge where configuration enters.
public enum Environment {
    /// The variable's value, or `nil` when it is unset.
    public static func value(_ name: String) -> String? {
        withValue(of: name) { $0.map { String(decoding: $0, as: UTF8.self) } }
    }

    /// The variable's raw bytes, or `nil` when it is unset; for values parsed as bytes.
    public static func bytes(_ name: String) -> [UInt8]? {
        withValue(of: name) { $0.map { Array($0) } }
    }

    /// Runs `body` with the value's bytes as they are in the environment (`nil` when unset); the first
    /// entry wins, as with `getenv`, whose musl version runs `strncmp` over every entry.
    private static func withValue<Result>(of name: String, _ body: (UnsafeRawBufferPointer?) -> Result) -> Result {
        guard var cursor = cposix_environ() else { return body(nil) }
        var name = name
        return name.withUTF8 { wanted in
            while let entry = cursor.pointee {
                cursor += 1
                let bytes = UnsafeRawPointer(entry).assumingMemoryBound(to: UInt8.self)
                if let value = Snapshot.value(in: bytes, named: wanted) { return body(value) }
            }
            return body(nil)
        }
    }

    /// Removes a variable, so that child processes do not inherit it.
    public static func remove(_ name: String) {
        unsetenv(name)
    }

    /// The variables whose names start with a prefix, found in one pass over `environ`.
    ///
    /// `getenv` scans the whole environment for each name; a handler reading nine settings did
    /// that nine times (and built a C string for each name) before serving one request. Names are
    /// compared byte by byte here rather than with `strncmp`, whose musl version (the Embedded
    /// handler's C library) cost more than the rest of the lookup. Only a value that is asked for
    /// becomes a `String`. Valid until the environment is changed.
    public struct Snapshot {
        /// The matching `NAME=value` entries, in the environment's order.
        private var entries: [UnsafePointer<UInt8>] = []

        /// Every entry of the environment whose name starts with `prefix`.
        public init(prefix: StaticString) {
            guard var cursor = cposix_environ() else { return }
            while let entry = cursor.pointee {
                cursor += 1
                let bytes = UnsafeRawPointer(entry).assumingMemoryBound(to: UInt8.self)
                if Self.entry(bytes, startsWith: prefix.utf8Start, count: prefix.utf8CodeUnitCount) {
                    entries.append(bytes)
                }
            }
        }

        /// The variable's value, or `nil` when it is unset; the first entry wins, as with `getenv`.
        public func value(_ name: String) -> String? {
            var name = name
            return name.withUTF8 { wanted in
                for entry in entries {
                    if let value = Self.value(in: entry, named: wanted) {
                        return String(decoding: value, as: UTF8.self)
                    }
                }
                return nil
            }
        }

        /// The value in the `NAME=value` entry when its name is `name`, else `nil`.
        static func value(in entry: UnsafePointer<UInt8>, named name: UnsafeBufferPointer<UInt8>)
            -> UnsafeRawBufferPointer?
        {
            guard let start = name.baseAddress, Self.entry(entry, startsWith: start, count: name.count),
                entry[name.count] == UInt8(ascii: "=")
            else { return nil }
            let value = UnsafeRawPointer(entry + name.count + 1)
            return UnsafeRawBufferPointer(start: value, count: strlen(value.assumingMemoryBound(to: CChar.self)))
        }

        /// Whether the NUL-terminated `entry` starts with the `count` bytes at `start`. It stops at the
        /// first difference, so it never reads past the entry's NUL: a name has none.
        private static func entry(_ entry: UnsafePointer<UInt8>, startsWith start: UnsafePointer<UInt8>, count: Int)
            -> Bool
        {
            for offset in 0..<count where entry[offset] != start[offset] { return false }
            return true
        }
    }
}
