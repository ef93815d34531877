import CPosix

/// A C integer constant as the `Int32` that system calls take, however the C library declares it.
///
/// glibc declares the socket types and flags and the resource numbers in enums, which Swift imports
/// as structs with a raw value; musl, which the Embedded `atm-handler` links, declares them as macros,
/// which Swift imports as `Int32`. Overloads pick the right conversion for each, at compile time.
@inlinable @inline(__always)
package func cInt(_ constant: Int32) -> Int32 { constant }

/// The raw value of an imported C enum constant (glibc's spelling).
@inlinable @inline(__always)
package func cInt<Constant: RawRepresentable>(_ constant: Constant) -> Int32 where Constant.RawValue: BinaryInteger {
    Int32(constant.rawValue)
}
