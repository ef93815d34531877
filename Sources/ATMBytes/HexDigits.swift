/// Lowercase hex digits of whole words, made without a branch or a loop: the ids of W3C Trace Context
/// (`HEXDIGLC`), written several times per request.
public enum HexDigits {
    /// The 16 digits of `value`, most significant first in memory: two words to store or append as bytes.
    @inlinable
    public static func sixteen(_ value: UInt64) -> (UInt64, UInt64) {
        (eight(UInt32(truncatingIfNeeded: value >> 32)).bigEndian, eight(UInt32(truncatingIfNeeded: value)).bigEndian)
    }

    /// The 8 digits of `value` as ASCII bytes, the most significant in the word's high byte: each nibble
    /// spread into a byte of its own, then `0`–`9` or `a`–`f` added (39 more for a letter).
    @inlinable
    public static func eight(_ value: UInt32) -> UInt64 {
        var nibbles = UInt64(value)
        nibbles = (nibbles | nibbles << 16) & 0x0000_FFFF_0000_FFFF
        nibbles = (nibbles | nibbles << 8) & 0x00FF_00FF_00FF_00FF
        nibbles = (nibbles | nibbles << 4) & 0x0F0F_0F0F_0F0F_0F0F
        let letters = ((nibbles &+ 0x0606_0606_0606_0606) >> 4) & 0x0101_0101_0101_0101
        return nibbles &+ 0x3030_3030_3030_3030 &+ letters &* UInt64(UInt8(ascii: "a") - UInt8(ascii: "0") - 10)
    }
}
