import ATMDaemon
import ATMLedger
import ATMMoney
import ATMProtocol

/// Arbitrary bytes as daemon protocol lines (split at newlines): every accepted command re-encodes
/// to itself, the store's reply survives encoding and decoding, no balance goes below zero, and a
/// line that is not a command is refused with a code. Also read as replies to each command shape.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzProtocolLine(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    // A fresh store per input, so that accounts created by one input never slow down the next.
    let store = AccountStore([
        (AccountNumber([0x31])!, Money(cents: 100)), (AccountNumber([0x32])!, Money(cents: Int64.max - 5)),
    ])
    for line in input.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).prefix(64) {
        guard let command = try? StateCommand(decoding: line) else { continue }
        precondition((try? StateCommand(decoding: command.encoded.dropLast())) == command, "command did not round-trip")
        let reply = store.reply(to: command)
        let decoded = try? StateReply(decoding: reply.encoded.dropLast(), answering: command)
        if case .help = reply {
            precondition(decoded == .help)
        } else {
            precondition(decoded == reply, "reply did not round-trip")
        }
        if case .balance(_, let balance) = reply { precondition(balance >= .zero, "a negative balance") }
    }
    let shapes: [StateCommand] = [.ping, .list, .quit, .balance(AccountNumber([0x31])!)]
    for shape in shapes {
        _ = try? StateReply(decoding: input[...], answering: shape)
    }
    return 0
}
