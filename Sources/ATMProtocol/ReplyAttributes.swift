import ATMBytes
import ATMCore

/// Attributes at the end of an `OK` reply: how a daemon of a newer version can tell a handler more
/// without breaking it. A daemon adds them only on a connection that agreed version 2 or later.
///
/// No field of an `OK` reply of version 1 holds `=` (the help text aside, which no reader parses), so
/// a reader drops every trailing field that does and reads the rest as before. `ERR` replies carry
/// none: their message is free text.
public enum ReplyAttributes {
    /// `line` without its trailing `name=value` fields, when it is an `OK` (or `REPLAY OK`) reply.
    public static func removed(from line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        guard ASCII.hasPrefix(line, "OK ") || ASCII.hasPrefix(line, "REPLAY OK ") else { return line }
        var end = line.endIndex
        while let space = line[..<end].lastIndex(of: UInt8(ascii: " ")),
            line[(space + 1)..<end].contains(UInt8(ascii: "="))
        {
            end = space
        }
        return line[..<end]
    }
}
