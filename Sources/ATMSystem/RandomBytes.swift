import CPosix

/// Bytes from the kernel's random source (`getrandom(2)`), for identifiers no one can guess or repeat.
public enum RandomBytes {
    /// `count` random bytes; falls back to mixing the clocks only if the kernel refuses, which
    /// Linux does not once booted (the ids made from them are for correlation, not secrets).
    public static func make(_ count: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let result = bytes.withUnsafeMutableBytes { getrandom($0.baseAddress! + filled, count - filled, 0) }
            if result > 0 {
                filled += result
            } else if result < 0 && Errno.current != .interrupted {
                var mixed =
                    UInt64(bitPattern: Deadline.now.nanoseconds) ^ UInt64(bitPattern: WallClock.millisecondsSinceEpoch)
                for index in filled..<count {
                    mixed = mixed &* 6364136223846793005 &+ 1442695040888963407
                    bytes[index] = UInt8(truncatingIfNeeded: mixed >> 33)
                }
                break
            }
        }
        return bytes
    }
}
