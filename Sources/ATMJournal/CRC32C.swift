/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), as iSCSI (RFC 3720 §B.4) and ext4 use it.
///
/// Slicing-by-8: eight 256-entry tables let the loop fold eight bytes per step, several times
/// faster than one table, which matters because every journal byte is checksummed twice
/// (once written, once replayed).
public enum CRC32C {
    /// The checksum of `bytes`, with the standard initial value and final inversion.
    public static func checksum(_ bytes: some Collection<UInt8>) -> UInt32 {
        ~update(0xFFFF_FFFF, with: bytes)
    }

    /// The checksum of `bytes[range]` of an array, without copying the slice.
    static func checksum(_ bytes: [UInt8], in range: Range<Int>) -> UInt32 {
        bytes.withUnsafeBufferPointer { ~update(0xFFFF_FFFF, with: UnsafeBufferPointer(rebasing: $0[range])) }
    }

    private static func update(_ crc: UInt32, with bytes: some Collection<UInt8>) -> UInt32 {
        if let result = bytes.withContiguousStorageIfAvailable({ update(crc, with: $0) }) { return result }
        return update(crc, with: Array(bytes))
    }

    private static func update(_ start: UInt32, with bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        tables.withUnsafeBufferPointer { table in
            var crc = start
            var index = 0
            let count = bytes.count
            while index + 8 <= count {
                let low =
                    crc
                    ^ (UInt32(bytes[index]) | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2]) << 16
                        | UInt32(bytes[index + 3]) << 24)
                let high =
                    UInt32(bytes[index + 4]) | UInt32(bytes[index + 5]) << 8 | UInt32(bytes[index + 6]) << 16
                    | UInt32(bytes[index + 7]) << 24
                crc =
                    table[7 * 256 + Int(low & 0xFF)] ^ table[6 * 256 + Int((low >> 8) & 0xFF)]
                    ^ table[5 * 256 + Int((low >> 16) & 0xFF)] ^ table[4 * 256 + Int(low >> 24)]
                    ^ table[3 * 256 + Int(high & 0xFF)] ^ table[2 * 256 + Int((high >> 8) & 0xFF)]
                    ^ table[1 * 256 + Int((high >> 16) & 0xFF)] ^ table[Int(high >> 24)]
                index += 8
            }
            while index < count {
                crc = table[Int((crc ^ UInt32(bytes[index])) & 0xFF)] ^ (crc >> 8)
                index += 1
            }
            return crc
        }
    }

    /// `tables[k * 256 + b]`: the CRC of byte `b` followed by `k` zero bytes.
    private static let tables: [UInt32] = {
        var tables = [UInt32](repeating: 0, count: 8 * 256)
        for byte in 0..<256 {
            var crc = UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
            tables[byte] = crc
        }
        for slice in 1..<8 {
            for byte in 0..<256 {
                let previous = tables[(slice - 1) * 256 + byte]
                tables[slice * 256 + byte] = tables[Int(previous & 0xFF)] ^ (previous >> 8)
            }
        }
        return tables
    }()
}
