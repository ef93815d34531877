import ATMCore
import ATMDaemon
import ATMLedger
import ATMMoney
import ATMProtocol
import Synchronization

/// Arbitrary bytes as daemon protocol lines (split at newlines): every accepted request (with its
/// attributes) re-encodes to itself, REPORT and METRICS round-trip and never reach the ledger, the
/// reply the daemon's protocol edge gets from the ledger survives encoding and decoding, no balance
/// goes below zero, history comes newest first with balances that chain, and a line that is not a
/// command is refused with a code. The input is also read as a reply to each command shape,
/// METRICS's counted reply included.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzProtocolLine(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    // A fresh ledger per input, so that accounts created by one input never slow down the next.
    let one = AccountNumber([0x31])!
    let two = AccountNumber([0x32])!
    var state = LedgerState(historyCapacity: 8, idempotencyKeys: 16)
    state.open([(one, Money(cents: 100)), (two, Money(cents: Int64.max - 5))])
    let sequence = Atomic<UInt64>(0)
    let edge = ProtocolEdge(
        store: Ledger(
            state,
            services: LedgerServices(
                commit: { _ in .durable(sequence: sequence.wrappingAdd(1, ordering: .relaxed).newValue) },
                monotonicMilliseconds: { 1_000 },
                wallMilliseconds: { 1_764_000_000_000 })))
    for line in input.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).prefix(64) {
        let metricsCommand: MetricsCommand?
        do {
            metricsCommand = try MetricsCommand(decoding: line)
        } catch {
            precondition(!error.message.isEmpty)
            continue
        }
        if let metricsCommand {
            precondition(
                (try? MetricsCommand(decoding: metricsCommand.encoded.dropLast()[...])) == metricsCommand,
                "a metrics command did not round-trip")
            continue
        }
        precondition(!MetricsCommand.isReport(line), "a REPORT line was taken for a state command")
        let request: StateRequest
        do {
            request = try StateRequest(decoding: line)
        } catch {
            precondition(!error.message.isEmpty, "a refusal without a message")
            continue
        }
        precondition((try? StateRequest(decoding: request.encoded.dropLast())) == request, "request did not round-trip")
        let reply = edge.reply(to: request)
        let decoded = try? StateReply(decoding: reply.encoded.dropLast(), answering: request.command)
        if case .help = reply {
            precondition(decoded == .help)
        } else {
            precondition(decoded == reply, "reply did not round-trip")
        }
        switch reply {
        case .balance(_, let balance): precondition(balance >= .zero, "a negative balance")
        case .history(_, let entries):
            for (newer, older) in zip(entries, entries.dropFirst()) {
                precondition(newer.id > older.id, "history not newest first")
                let up = newer.kind == .deposit || newer.kind == .transferIn
                let expected = up ? older.balance.adding(newer.amount) : older.balance.subtracting(newer.amount)
                precondition(expected == newer.balance, "history balances do not chain")
            }
        default: break
        }
    }
    let shapes: [StateCommand] = [
        .ping, .list(.all), .quit, .balance(one), .transfer(Money(cents: 1), from: one, to: two),
        .history(one, limit: 100, before: nil),
    ]
    for shape in shapes {
        _ = try? StateReply(decoding: input[...], answering: shape)
    }
    var reader = LineReader(maximumLength: 64)
    reader.append(input)
    if let line = try? reader.nextLine(), line.count > 3,
        let count = Int(String(decoding: line.dropFirst(3), as: UTF8.self)),
        count >= 0, count <= MetricsCommand.maximumTextBytes
    {
        _ = reader.nextBytes(count)
    }
    return 0
}
