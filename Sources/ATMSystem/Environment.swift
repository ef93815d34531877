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

    /// The variables whose names start with a prefix, found in one pass over `environ`.
    ///
    /// `getenv` scans the whole environment for each name; a handler reading nine settings did
    /// that nine times (and built a C string for each name) before serving one request. Only a
    /// value that is asked for becomes a `String`. Valid until the environment is changed.
    public struct Snapshot {
        /// The matching `NAME=value` entries, in the environment's order.
        private var entries: [UnsafePointer<CChar>] = []

        /// Every entry of the environment whose name starts with `prefix`.
        public init(prefix: StaticString) {
            guard var cursor = cposix_environ() else { return }
            let start = UnsafeRawPointer(prefix.utf8Start).assumingMemoryBound(to: CChar.self)
            let length = prefix.utf8CodeUnitCount
            while let entry = cursor.pointee {
                cursor += 1
                if strncmp(entry, start, length) == 0 { entries.append(UnsafePointer(entry)) }
            }
        }

        /// The variable's value, or `nil` when it is unset; the first entry wins, as with `getenv`.
        public func value(_ name: String) -> String? {
            var name = name
            return name.withUTF8 { bytes in
                let wanted = UnsafeRawPointer(bytes.baseAddress!).assumingMemoryBound(to: CChar.self)
                for entry in entries
                where strncmp(entry, wanted, bytes.count) == 0 && entry[bytes.count] == CChar(UInt8(ascii: "=")) {
                    let value = entry + bytes.count + 1
                    return String(decoding: UnsafeRawBufferPointer(start: value, count: strlen(value)), as: UTF8.self)
                }
                return nil
            }
        }
    }
}
