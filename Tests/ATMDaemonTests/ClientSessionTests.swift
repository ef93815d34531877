import ATMCore
import ATMDaemonSystem
import ATMLedger
import ATMMoney
import ATMProtocol
import ATMSystem
import Foundation
import Glibc
import Testing

@testable import ATMDaemon

/// One `ClientSession` over a socketpair with a real in-memory ledger: the daemon's side of the protocol
/// without a process or a socket file.
@Suite struct ClientSessionTests {
    /// The test's end of a session served on a thread; the session ends when `finished` is signalled.
    final class Session: @unchecked Sendable {
        let client: Int32
        let finished = DispatchSemaphore(value: 0)
        private let stop: StopSignal
        private var hasFired = false
        private var hasEnded = false

        init(idleTimeoutMilliseconds: Int = 5_000, preload: String = #"{"1001":"10.00","1002":"0"}"#) throws {
            var pair: [Int32] = [-1, -1]
            guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &pair) == 0 else {
                throw POSIXError(.EMFILE)
            }
            client = pair[0]
            // The daemon accepts every client non-blocking (accept4 with SOCK_NONBLOCK); so does this one.
            try FileDescriptor(rawValue: pair[1]).setNonBlocking(true)
            stop = try StopSignal()
            let accounts = try DaemonConfiguration.preloadAccounts(environment: {
                $0 == "PRELOAD_ACCOUNTS" ? Array(preload.utf8) : nil
            })
            let ledger = LedgerSetup.memory(DaemonConfiguration(), accounts: accounts)
            let (server, stopEnd, finished) = (pair[1], stop.readEnd, finished)
            Thread {
                let session = ClientSession(
                    connection: Connection(adopting: FileDescriptor(rawValue: server)),
                    backend: ProtocolEdge(store: ledger),
                    metrics: MetricsRegistry(accounts: { ledger.count }), access: .open(),
                    peer: PeerCredentials(processID: 0, userID: 0, groupID: 0),
                    idleTimeoutMilliseconds: idleTimeoutMilliseconds, stopSignal: stopEnd)
                session.run()
                finished.signal()
            }.start()
        }

        /// Ends the session (if it still runs) before the stop signal's read end it polls is closed.
        deinit {
            Glibc.close(client)
            if !hasFired { stop.fire() }
            if !hasEnded { finished.wait() }
            stop.readEnd.close()
        }

        /// Fires the daemon's stop signal.
        func fireStop() {
            stop.fire()
            hasFired = true
        }

        func send(_ text: String) {
            let bytes = Array(text.utf8)
            _ = bytes.withUnsafeBytes { Glibc.send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        }

        /// The next reply line, or `nil` at end of input (the session closed its end) or after 5 s.
        func readLine() -> String? {
            var line: [UInt8] = []
            var byte: UInt8 = 0
            var timeout = timeval(tv_sec: 5, tv_usec: 0)
            setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            while recv(client, &byte, 1, 0) == 1 {
                if byte == UInt8(ascii: "\n") { return String(decoding: line, as: UTF8.self) }
                line.append(byte)
            }
            return nil
        }

        func ask(_ line: String) -> String? {
            send(line + "\n")
            return readLine()
        }

        /// Whether the session ended within `seconds`.
        func ends(within seconds: Double) -> Bool {
            hasEnded = hasEnded || finished.wait(timeout: .now() + seconds) == .success
            return hasEnded
        }
    }

    @Test func commandsAreAnsweredInOrderAgainstTheLedger() throws {
        let session = try Session()
        #expect(session.ask("BALANCE 1001") == "OK 1001 1000")
        #expect(session.ask("DEPOSIT 1001 250") == "OK 1001 1250")
        #expect(session.ask("WITHDRAW 1001 2000") == "ERR insufficient-funds insufficient funds")
        #expect(session.ask("TRANSFER 1001 1002 50") == "OK 1001 1200")
        #expect(session.ask("BALANCE 1002") == "OK 1002 50")
        #expect(session.ask("BALANCE 3") == "ERR not-found account not found")
        #expect(session.ask("QUIT") == "OK BYE")
        #expect(session.readLine() == nil, "the session closes after BYE")
        #expect(session.ends(within: 5))
    }

    @Test func pipelinedLinesInOneWriteAreEachAnswered() throws {
        let session = try Session()
        session.send("PING\nDEPOSIT 1002 1\nDEPOSIT 1002 1\nBALANCE 1002\n")
        #expect(session.readLine() == "OK PONG")
        #expect(session.readLine() == "OK 1002 1")
        #expect(session.readLine() == "OK 1002 2")
        #expect(session.readLine() == "OK 1002 2")
    }

    @Test func aMalformedLineIsRefusedAndTheSessionGoesOn() throws {
        let session = try Session()
        #expect(session.ask("DEPOSIT 1001 1.00")?.hasPrefix("ERR bad-argument ") == true)
        #expect(session.ask("FLY 1001")?.hasPrefix("ERR bad-command ") == true)
        #expect(session.ask("BALANCE 1001") == "OK 1001 1000", "nothing was applied")
    }

    @Test func aLineLongerThanTheMaximumIsRefusedAndTheSessionEnds() throws {
        let session = try Session()
        session.send(String(repeating: "A", count: 2 * StateRequest.maximumLineLength) + "\n")
        #expect(session.readLine()?.hasPrefix("ERR line-too-long ") == true)
        #expect(session.readLine() == nil)
        #expect(session.ends(within: 5))
    }

    @Test func aSilentClientIsToldTimeoutAtTheIdleDeadline() throws {
        let idle = 200
        let session = try Session(idleTimeoutMilliseconds: idle)
        let start = Date()
        #expect(session.readLine()?.hasPrefix("ERR timeout ") == true)
        #expect(Date().timeIntervalSince(start) >= Double(idle) / 1000)
        #expect(session.ends(within: 5))
    }

    @Test func theStopSignalEndsAnIdleSession() throws {
        let session = try Session(idleTimeoutMilliseconds: 60_000)
        #expect(session.ask("PING") == "OK PONG")
        session.fireStop()
        #expect(session.ends(within: 5), "a stopping daemon does not wait for the idle timeout")
        #expect(session.readLine() == nil)
    }
}
