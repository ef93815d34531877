import ATMCore
import ATMDaemonSystem
import ATMSystem
import Synchronization
import Testing

@testable import ATMDaemon
@testable import ATMProtocol

@Suite struct MetricsRegistryTests {
    private static func sample(_ text: String, _ prefix: String) -> String? {
        text.split(separator: "\n").first { $0.hasPrefix(prefix) }.map(String.init)
    }

    @Test func countsFromManyThreadsAtOnceAreEachCountedOnce() throws {
        let registry = MetricsRegistry(accounts: { 3 })
        let threads = 8
        let perThread = 1_000
        let finished = Atomic<Int>(0)
        for _ in 0..<threads {
            try Threads.detach {
                for _ in 0..<perThread {
                    registry.countOperation(.balance, .ok, seconds: 0.000_2)
                    registry.countResponse(.balance, status: 200)
                }
                finished.wrappingAdd(1, ordering: .releasing)
            }
        }
        let deadline = Deadline.after(milliseconds: 20_000)
        while finished.load(ordering: .acquiring) < threads && !deadline.hasPassed {
            _ = try? FileDescriptor.poll([], for: .readable, until: .after(milliseconds: 5))
        }
        let text = String(decoding: registry.text(), as: UTF8.self)
        let total = threads * perThread
        #expect(
            Self.sample(text, #"atm_daemon_operations_total{kind="balance",outcome="ok"}"#)
                == #"atm_daemon_operations_total{kind="balance",outcome="ok"} \#(total)"#)
        #expect(
            Self.sample(text, #"atm_http_responses_total{route="balance",status="200"}"#)
                == #"atm_http_responses_total{route="balance",status="200"} \#(total)"#)
        #expect(
            Self.sample(text, #"atm_daemon_operation_duration_seconds_bucket{kind="balance",le="0.00025"}"#)
                == #"atm_daemon_operation_duration_seconds_bucket{kind="balance",le="0.00025"} \#(total)"#)
        #expect(
            Self.sample(text, #"atm_daemon_operation_duration_seconds_count{kind="balance"}"#)
                == #"atm_daemon_operation_duration_seconds_count{kind="balance"} \#(total)"#)
    }

    @Test func everyOutcomeAndStatusHasItsOwnCounter() {
        let registry = MetricsRegistry(accounts: { 0 })
        for code in ErrorCode.allCases { registry.countOperation(.deposit, .refused(code), seconds: 0) }
        registry.countOperation(.deposit, .replayed, seconds: 0)
        for status in ReportedRoute.reportableStatuses { registry.countResponse(.deposit, status: status) }
        registry.countResponse(.deposit, status: 299)  // not a status REPORT carries: not counted
        let text = String(decoding: registry.text(), as: UTF8.self)
        for code in ErrorCode.allCases {
            #expect(text.contains(#"atm_daemon_operations_total{kind="deposit",outcome="\#(code.name)"} 1"#))
        }
        #expect(text.contains(#"atm_daemon_operations_total{kind="deposit",outcome="replayed"} 1"#))
        #expect(text.contains("atm_idempotent_replays_total 1"))
        for status in ReportedRoute.reportableStatuses {
            #expect(text.contains(#"atm_http_responses_total{route="deposit",status="\#(status)"} 1"#))
        }
        #expect(!text.contains(#"status="299""#))
        #expect(!text.contains(#"kind="balance""#), "a kind never counted has no series")
    }
}
