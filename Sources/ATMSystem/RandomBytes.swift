import CPosix

/// Bytes from the kernel's random source (`getrandom(2)`), for identifiers no one can guess or repeat.
public enum RandomBytes {
    /// `count` random bytes; falls back to mixing the clocks only if the kernel refuses, which
    /// Linux does not once booted (the ids made from them are for correlation, not secrets).
    public static func make(_ count: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        bytes.withUnsafeMutableBytes { fill($0) }
        return bytes
    }

    /// Three random 64-bit words, as ``make(_:)`` draws them but without allocating: a W3C trace id and
    /// span id for every request.
    public static func words() -> (UInt64, UInt64, UInt64) {
        var words: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &words) { fill($0) }
        return words
    }

    /// Fills `buffer` from the kernel, or from the clocks if it refuses.
    private static func fill(_ buffer: UnsafeMutableRawBufferPointer) {
        let count = buffer.count
        var filled = 0
        while filled < count {
            let result = getrandom(buffer.baseAddress! + filled, count - filled, 0)
            if result > 0 {
                filled += result
            } else if result < 0 && Errno.current != .interrupted {
                var mixed =
                    UInt64(bitPattern: Deadline.now.nanoseconds) ^ UInt64(bitPattern: WallClock.millisecondsSinceEpoch)
                for index in filled..<count {
                    mixed = mixed &* 6364136223846793005 &+ 1442695040888963407
                    buffer[index] = UInt8(truncatingIfNeeded: mixed >> 33)
                }
                break
            }
        }
    }
}
