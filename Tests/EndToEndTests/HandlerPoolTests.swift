import Foundation
import Glibc
import Synchronization
import Testing

/// `ATM_HANDLER_POOL`: one `atm-handler` on a passed listening socket keeps handlers waiting, each serving one
/// connection in a process of its own; driven through systemd-socket-activate without `--accept`, as
/// scripts/serve and atm-handler-tls.socket (`Accept=no`) start it.
@Suite(.serialized) struct HandlerPoolTests {
    private static let balance = "GET /accounts/1001/balance HTTP/1.1\r\nHost: t\r\n\r\n"

    /// A pool on a fresh port, started: systemd-socket-activate (like a socket unit with `Accept=no`) starts
    /// atm-handler at the first connection, which one health request makes here.
    private static func startedPool(daemon: StateDaemon, spares: Int) throws -> SuperServer {
        let pool = try SuperServer.handlerPool(stateSocket: daemon.socketPath, spares: spares)
        #expect(ParsedResponse(pool.exchange("GET /health HTTP/1.1\r\nHost: t\r\n\r\n") ?? [])?.status == 200)
        return pool
    }

    /// Waits until `pool` has exactly `count` live children (the waiting handlers), or the bound passes.
    private static func waitForChildren(of pool: SuperServer, count: Int, within seconds: Double) -> [pid_t] {
        let deadline = Date().addingTimeInterval(seconds)
        var children = ProcessTable.liveChildren(of: pool.child.spawned.pid)
        while children.count != count && Date() < deadline {
            usleep(10_000)
            children = ProcessTable.liveChildren(of: pool.child.spawned.pid)
        }
        return children
    }

    @Test func aPoolOfTwoServesManyConcurrentConnectionsExactlyAndKeepsTwoWaiting() throws {
        let daemon = try StateDaemon(environment: ["PRELOAD_ACCOUNTS": #"{"1":"0.00"}"#])
        let pool = try Self.startedPool(daemon: daemon, spares: 2)
        #expect(Self.waitForChildren(of: pool, count: 2, within: Bounds.latest()).count == 2)
        let good = Atomic<Int>(0)
        onThreads(8) { _ in
            for _ in 0..<10 {
                let answer = pool.exchange(moneyRequest("deposit", account: "1", amount: "0.01")) ?? []
                if let response = ParsedResponse(answer), response.status == 200,
                    response.header("Connection") == "close"
                {
                    good.add(1, ordering: .relaxed)
                }
            }
        }
        #expect(good.load(ordering: .relaxed) == 80)
        let total = ParsedResponse(pool.exchange("GET /accounts/1/balance HTTP/1.1\r\nHost: t\r\n\r\n") ?? [])
        #expect(total?.bodyText == #"{"account_number":"1","balance":"0.80"}"#)
        // Every served child was reaped and replaced: two wait again, and no zombie is left behind.
        #expect(Self.waitForChildren(of: pool, count: 2, within: Bounds.latest()).count == 2)
        #expect(ProcessTable.children(of: pool.child.spawned.pid).count == 2)
        #expect(pool.child.standardError.contains("handler pool: 2 handlers wait on the passed socket"))
    }

    @Test func eachConnectionIsServedByAProcessThatServesNoOther() throws {
        let daemon = try StateDaemon()
        let pool = try Self.startedPool(daemon: daemon, spares: 1)
        let first = try #require(TestSocket.tcp(port: pool.port))
        #expect(first.send("GET /accounts/1001/balance HTTP/1.1\r\n"))
        // The first connection's handler is busy with it: a new one waits, and the second connection gets it.
        let serving = Self.waitForChildren(of: pool, count: 2, within: Bounds.latest())
        #expect(serving.count == 2)
        #expect(ParsedResponse(pool.exchange(Self.balance) ?? [])?.status == 200)
        #expect(first.send("Host: t\r\n\r\n"))
        #expect(ParsedResponse(first.readToEnd())?.status == 200)
        // Both have exited: neither of those processes is among the children now.
        let now = Self.waitForChildren(of: pool, count: 1, within: Bounds.latest())
        #expect(now.count == 1)
        #expect(Set(now).isDisjoint(with: serving))
    }

    @Test func sigtermLetsTheServingHandlerFinishAndStopsTheWaitingOnes() throws {
        let daemon = try StateDaemon()
        let pool = try Self.startedPool(daemon: daemon, spares: 3)
        let waiting = Self.waitForChildren(of: pool, count: 3, within: Bounds.latest())
        #expect(waiting.count == 3)
        let client = try #require(TestSocket.tcp(port: pool.port))
        #expect(client.send("GET /accounts/1001/balance HTTP/1.1\r\n"))
        #expect(Self.waitForChildren(of: pool, count: 4, within: Bounds.latest()).count == 4)
        pool.child.signal(SIGTERM)
        // The waiting handlers go at once; the one serving keeps its connection.
        #expect(Self.waitForChildren(of: pool, count: 1, within: Bounds.latest()).count == 1)
        #expect(pool.child.isRunning)
        #expect(client.send("Host: t\r\n\r\n"))
        #expect(ParsedResponse(client.readToEnd())?.status == 200)
        #expect(pool.child.wait(timeout: Bounds.latest()) == 0)
        #expect(pool.child.standardError.contains("handler pool: stopping: 1 connections finish"))
    }

    @Test func aWaitingHandlerThatIsKilledIsReplacedAfterTheBackOff() throws {
        let daemon = try StateDaemon()
        let pool = try Self.startedPool(daemon: daemon, spares: 2)
        let waiting = Self.waitForChildren(of: pool, count: 2, within: Bounds.latest())
        #expect(waiting.count == 2)
        kill(try #require(waiting.first), SIGKILL)
        // The pool's back-off before replacing a child that died while waiting is 1 s.
        let replaced = Self.waitForChildren(of: pool, count: 2, within: Bounds.latest(1_000))
        #expect(replaced.count == 2 && !replaced.contains(waiting[0]))
        #expect(pool.child.standardError.contains("a waiting handler ended (killed by signal 9)"))
        #expect(ParsedResponse(pool.exchange(Self.balance) ?? [])?.status == 200)
    }

    @Test func aPoolKilledOutrightTakesItsWaitingHandlersWithIt() throws {
        let daemon = try StateDaemon()
        let pool = try Self.startedPool(daemon: daemon, spares: 3)
        let waiting = Self.waitForChildren(of: pool, count: 3, within: Bounds.latest())
        #expect(waiting.count == 3)
        pool.child.signal(SIGKILL)
        _ = pool.child.wait(timeout: Bounds.latest())
        // Each waiting child gets SIGTERM when its parent dies (PR_SET_PDEATHSIG) and exits from accept(2).
        // (Ended means gone or a zombie: who reaps an orphan is the init process's business.)
        func running() -> [pid_t] {
            let live = Set(ProcessTable.entries().filter { $0.state != "Z" }.map(\.pid))
            return waiting.filter(live.contains)
        }
        let deadline = Date().addingTimeInterval(Bounds.latest())
        while Date() < deadline && !running().isEmpty { usleep(10_000) }
        #expect(running().isEmpty, "still running: \(running())")
    }

    @Test func withoutAPassedListeningSocketThePoolRefusesToStart() throws {
        let run = try runHandler([], environment: ["ATM_HANDLER_POOL": "2"])
        #expect(run.status == 78)
        #expect(run.errors.contains("ATM_HANDLER_POOL needs a listening socket passed as fd 3"))
        #expect(run.output.isEmpty)
    }

    @Test func anInvalidSettingStopsThePoolBeforeItStarts() throws {
        for environment in [
            ["ATM_HANDLER_POOL": "2", "ATM_MAX_BODY_BYTES": "1"], ["ATM_HANDLER_POOL": "65"],
            ["ATM_HANDLER_POOL": "two"],
        ] {
            let run = try runHandler([], environment: environment)
            #expect(run.status == 78, "\(environment)")
            #expect(run.errors.contains("handler pool: not starting:"), "\(environment)")
            #expect(run.output.isEmpty, "\(environment)")
        }
    }
}
