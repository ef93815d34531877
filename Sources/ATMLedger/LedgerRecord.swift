import ATMBytes
import ATMCore
import ATMMoney

/// One durable change, as the journal holds it: what changed, the balances it left, and the
/// idempotency outcome it settles.
///
/// Records carry resulting balances, not just amounts, so that replay can check every one
/// against the arithmetic and refuse a journal that does not add up. Written in ``LedgerFormat``
/// 2 (binary, below); records of format 1 (text) are still read (LedgerRecord+Format1.swift).
public struct LedgerRecord: Sendable, Hashable {
    /// The outcome stored for a key, with the operation it is bound to.
    public struct KeyOutcome: Sendable, Hashable {
        public let key: IdempotencyKey
        public let operation: LedgerOperation
        public let outcome: LedgerOutcome

        public init(key: IdempotencyKey, operation: LedgerOperation, outcome: LedgerOutcome) {
            self.key = key
            self.operation = operation
            self.outcome = outcome
        }
    }

    public let change: LedgerChange
    public let timeMilliseconds: Int64
    public let requestID: RequestID?
    public let keyOutcome: KeyOutcome?
    /// The client identity the change was made for, for the audit line only: not journalled.
    public let identity: ClientSubject?
    /// The W3C trace and span the change was made for, for the audit line only: not journalled.
    public let trace: TraceSpan?

    /// Why a payload is not a record this version can read.
    public struct DecodingError: Error, Sendable, Hashable, CustomStringConvertible {
        public let reason: String
        public var description: String { reason }
    }

    public init(
        change: LedgerChange, timeMilliseconds: Int64, requestID: RequestID? = nil, keyOutcome: KeyOutcome? = nil,
        identity: ClientSubject? = nil, trace: TraceSpan? = nil
    ) {
        self.change = change
        self.timeMilliseconds = timeMilliseconds
        self.requestID = requestID
        self.keyOutcome = keyOutcome
        self.identity = identity
        self.trace = trace
    }

    /// Format 2: the version byte; the change (a tag, its accounts and amounts); the time; a byte of flags
    /// (1: a request id follows, 2: a key, its operation and its outcome follow); then those.
    public var encoded: [UInt8] {
        var bytes: [UInt8] = [LedgerFormat.current]
        bytes.reserveCapacity(96)
        change.write(binaryTo: &bytes)
        bytes.append(littleEndian: timeMilliseconds)
        bytes.append(littleEndian: UInt8((requestID == nil ? 0 : 1) | (keyOutcome == nil ? 0 : 2)))
        if let requestID { bytes.append(binary: requestID) }
        if let keyOutcome {
            bytes.append(binary: keyOutcome.key)
            keyOutcome.operation.write(binaryTo: &bytes)
            keyOutcome.outcome.write(binaryTo: &bytes)
        }
        return bytes
    }

    /// Reads a record of either format.
    public init(decoding payload: [UInt8]) throws(DecodingError) {
        switch LedgerFormat.version(of: payload[...]) {
        case 1: try self.init(format1: payload)
        case LedgerFormat.current:
            do throws(LedgerDecodingError) {
                var reader = LittleEndianReader(payload.dropFirst())
                let change = try LedgerChange(binary: &reader)
                let time = try reader.read(Int64.self)
                let flags = try reader.read(UInt8.self)
                guard flags & ~3 == 0 else { throw reader.failure("unknown flags") }
                let requestID: RequestID? = flags & 1 == 0 ? nil : try reader.readToken()
                var keyOutcome: KeyOutcome?
                if flags & 2 != 0 {
                    let key: IdempotencyKey = try reader.readToken()
                    let operation = try LedgerOperation(binary: &reader)
                    guard operation.movesMoney else {
                        throw reader.failure("a key for an operation that moves no money")
                    }
                    keyOutcome = KeyOutcome(key: key, operation: operation, outcome: try LedgerOutcome(binary: &reader))
                }
                try reader.expectEnd()
                guard time >= 0 else { throw reader.failure("negative time") }
                self.init(change: change, timeMilliseconds: time, requestID: requestID, keyOutcome: keyOutcome)
            } catch {
                throw DecodingError(reason: "malformed record: \(error)")
            }
        default:
            throw DecodingError(reason: "unknown record format")
        }
    }
}

extension LedgerChange {
    /// Writes the change in format 2: a tag byte, then its accounts and amounts.
    func write(binaryTo bytes: inout [UInt8]) {
        switch self {
        case .deposit(let account, let amount, let balance), .withdrawal(let account, let amount, let balance):
            bytes.append(littleEndian: UInt8(isDeposit ? 1 : 2))
            bytes.append(binary: account)
            bytes.append(binary: amount)
            bytes.append(binary: balance)
        case .transfer(let source, let destination, let amount, let sourceBalance, let destinationBalance):
            bytes.append(littleEndian: UInt8(3))
            bytes.append(binary: source)
            bytes.append(binary: destination)
            bytes.append(binary: amount)
            bytes.append(binary: sourceBalance)
            bytes.append(binary: destinationBalance)
        case .create(let account, let balance):
            bytes.append(littleEndian: UInt8(4))
            bytes.append(binary: account)
            bytes.append(binary: balance)
        case .open(let openings):
            bytes.append(littleEndian: UInt8(5))
            bytes.append(littleEndian: UInt32(clamping: openings.count))
            for opening in openings {
                bytes.append(binary: opening.account)
                bytes.append(binary: opening.balance)
            }
        case .none:
            bytes.append(littleEndian: UInt8(6))
        }
    }

    private var isDeposit: Bool {
        if case .deposit = self { return true }
        return false
    }

    /// Reads a change written by ``write(binaryTo:)``.
    init(binary reader: inout LittleEndianReader) throws(LedgerDecodingError) {
        switch try reader.read(UInt8.self) {
        case 1:
            let account = try reader.readAccount()
            let amount = try reader.readMoney(minimum: 1)
            self = .deposit(account, amount: amount, balance: try reader.readMoney())
        case 2:
            let account = try reader.readAccount()
            let amount = try reader.readMoney(minimum: 1)
            self = .withdrawal(account, amount: amount, balance: try reader.readMoney())
        case 3:
            let source = try reader.readAccount()
            let destination = try reader.readAccount()
            let amount = try reader.readMoney(minimum: 1)
            let sourceBalance = try reader.readMoney()
            self = .transfer(
                from: source, to: destination, amount: amount, fromBalance: sourceBalance,
                toBalance: try reader.readMoney())
        case 4:
            let account = try reader.readAccount()
            self = .create(account, balance: try reader.readMoney())
        case 5:
            let count = try reader.readCount(bytesEach: 2 + 8)
            var openings: [Opening] = []
            openings.reserveCapacity(count)
            for _ in 0..<count {
                let account = try reader.readAccount()
                openings.append(Opening(account, try reader.readMoney()))
            }
            self = .open(openings)
        case 6: self = .none
        default: throw reader.failure("unknown change")
        }
    }
}
