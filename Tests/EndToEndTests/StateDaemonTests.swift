import Foundation
import Glibc
import Synchronization
import Testing

@Suite(.serialized) struct StateDaemonTests {
    @Test func thirtyTwoClientsMakingTwoHundredFiftyDepositsEachEndExactlyRight() throws {
        let daemon = try StateDaemon(environment: ["PRELOAD_ACCOUNTS": #"{"1":"0.00"}"#])
        let failures = Atomic<Int>(0)
        onThreads(32) { _ in
            guard let client = daemon.connect() else {
                failures.add(1, ordering: .relaxed)
                return
            }
            for _ in 0..<250 where client.ask("DEPOSIT 1 1")?.hasPrefix("OK 1 ") != true {
                failures.add(1, ordering: .relaxed)
            }
        }
        #expect(failures.load(ordering: .relaxed) == 0)
        #expect(daemon.ask("BALANCE 1") == "OK 1 8000")
    }

    @Test func twoHundredConcurrentWithdrawalsFromOneHundredGiveExactlyOneHundredSuccesses() throws {
        let daemon = try StateDaemon(environment: ["PRELOAD_ACCOUNTS": #"{"1":"100.00"}"#])
        let successes = Atomic<Int>(0)
        let refusals = Atomic<Int>(0)
        onThreads(200) { _ in
            switch daemon.ask("WITHDRAW 1 100") {
            case let reply? where reply.hasPrefix("OK 1 "): successes.add(1, ordering: .relaxed)
            case "ERR insufficient-funds insufficient funds": refusals.add(1, ordering: .relaxed)
            default: break
            }
        }
        #expect(successes.load(ordering: .relaxed) == 100)
        #expect(refusals.load(ordering: .relaxed) == 100)
        #expect(daemon.ask("BALANCE 1") == "OK 1 0")
    }

    @Test func idleAndFloodingClientsDoNotDelayAThirdClient() throws {
        let daemon = try StateDaemon()
        let idle = try #require(daemon.connect())
        let halfLine = try #require(daemon.connect())
        halfLine.send("BALANCE 10")
        let flood = try #require(daemon.connect())
        let flooding = Thread {
            let chunk = [UInt8](repeating: UInt8(ascii: "A"), count: 65536)
            for _ in 0..<64 where flood.send(chunk) {}
        }
        flooding.start()
        usleep(100_000)
        let start = Date()
        let reply = daemon.ask("BALANCE 1001")
        #expect(reply == "OK 1001 100000")
        // Served behind the idle client, it would wait for the idle timeout (ATM_STATED_IDLE_TIMEOUT_MS, 30 s).
        #expect(Date().timeIntervalSince(start) < Bounds.latest())
        #expect(flood.readLine()?.hasPrefix("ERR line-too-long") == true)
        withExtendedLifetime(idle) {}
    }

    @Test func malformedLinesGetErrAndTheDaemonStaysUp() throws {
        let daemon = try StateDaemon()
        let client = try #require(daemon.connect())
        for line in [
            "", "NOPE", "BALANCE", "BALANCE x", "DEPOSIT 1001 -1", "DEPOSIT 1001 1.5", "WITHDRAW 1001 0",
            "DEPOSIT 1001 99999999999999999999", "BALANCE 1001 1001", "\u{1}\u{2}", "DEPOSIT\t1001 1",
        ] {
            let reply = client.ask(line)
            #expect(reply?.hasPrefix("ERR bad-") == true, "\(line.debugDescription) -> \(reply ?? "nil")")
        }
        client.send([0xFF, 0xFE, 0x0A])
        #expect(client.readLine()?.hasPrefix("ERR bad-command") == true)
        #expect(client.ask("BALANCE 1001") == "OK 1001 100000")
        #expect(daemon.ask("PING") == "OK PONG")
    }

    @Test func aLineLongerThanTheLimitIsRefusedEvenWhenItsNewlineArrivesWithIt() throws {
        let daemon = try StateDaemon()
        let client = try #require(daemon.connect())
        #expect(client.ask("BALANCE 1001") == "OK 1001 100000")
        client.send("BALANCE " + String(repeating: "1", count: 4100) + "\n")
        #expect(client.readLine()?.hasPrefix("ERR line-too-long") == true)
        #expect(client.readLine() == nil)
    }

    @Test func aClientThatVanishesMidCommandChangesNothing() throws {
        let daemon = try StateDaemon(environment: ["PRELOAD_ACCOUNTS": #"{"1":"1.00"}"#])
        for _ in 0..<20 {
            let client = try #require(daemon.connect())
            client.send("DEPOSIT 1 500")
        }
        usleep(100_000)
        #expect(daemon.ask("BALANCE 1") == "OK 1 100")
    }

    @Test func severalCommandsShareOneConnectionAndQuitEndsIt() throws {
        let daemon = try StateDaemon()
        let client = try #require(daemon.connect())
        client.send("PING\nBALANCE 1002\nDEPOSIT 1002 1050\nQUIT\nPING\n")
        #expect(client.readLine() == "OK PONG")
        #expect(client.readLine() == "OK 1002 25050")
        #expect(client.readLine() == "OK 1002 26100")
        #expect(client.readLine() == "OK BYE")
        #expect(client.readLine() == nil)
    }

    @Test func listAndCreateWork() throws {
        let daemon = try StateDaemon(environment: ["PRELOAD_ACCOUNTS": #"{"2":"0","10":"1"}"#])
        #expect(daemon.ask("LIST") == "OK 2 10 2")
        #expect(daemon.ask("CREATE 7 0") == "OK 7 0")
        #expect(daemon.ask("CREATE 7 5") == "ERR exists account already exists")
        #expect(daemon.ask("LIST") == "OK 3 10 2 7")
    }

    @Test func theDemoAccountsServeWhenNothingIsPreloaded() throws {
        // ChildProcess passes only PATH and HOME on, so no PRELOAD_ACCOUNTS reaches this daemon.
        let daemon = try StateDaemon(environment: [:])
        #expect(daemon.ask("LIST") == "OK 5 1001 1002 1003 1004 2001")
        #expect(daemon.ask("BALANCE 1001") == "OK 1001 100000")
        #expect(daemon.ask("BALANCE 1002") == "OK 1002 25050")
    }

    @Test(arguments: [
        "not json", "[]", #"{"abc":"1.00"}"#, #"{"1":"-5.00"}"#, #"{"1":"1.005"}"#, #"{"1":"1","1":"2"}"#, #"{"1":5}"#,
        #"{"1":"1e3"}"#, "", #"{"1":"92233720368547758.08"}"#, #"{"":"1"}"#,
    ])
    func everyInvalidPreloadExitsSeventyEightWithOneLine(preload: String) throws {
        let directory = Binaries.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let socket = directory.appendingPathComponent("s.sock").path
        let child = try ChildProcess(Binaries.stated, ["--socket", socket], environment: ["PRELOAD_ACCOUNTS": preload])
        #expect(child.wait() == 78)
        let lines = child.standardError.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.contains("PRELOAD_ACCOUNTS") == true)
        #expect(!FileManager.default.fileExists(atPath: socket))
    }

    @Test(arguments: [
        ("ATM_STATED_MAX_CLIENTS", "0"), ("ATM_STATED_IDLE_TIMEOUT_MS", "soon"), ("ATM_STATED_SOCKET_MODE", "999"),
    ])
    func invalidSettingsExitSeventyEight(name: String, value: String) throws {
        let directory = Binaries.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let child = try ChildProcess(
            Binaries.stated, ["--socket", directory.path + "/s.sock"], environment: [name: value])
        #expect(child.wait() == 78)
        #expect(child.standardError.contains(name))
    }

    @Test func aStaleSocketFileIsReplaced() throws {
        let directory = Binaries.temporaryDirectory()
        let path = directory.appendingPathComponent("stated.sock").path
        close(bindUnixSocket(path, type: SOCK_STREAM))
        #expect(FileManager.default.fileExists(atPath: path))
        let daemon = try StateDaemon(directory: directory)
        #expect(daemon.ask("PING") == "OK PONG")
    }

    @Test func aLiveDaemonMakesASecondOneRefuseToStart() throws {
        let daemon = try StateDaemon()
        let second = try ChildProcess(Binaries.stated, ["--socket", daemon.socketPath])
        let status = second.wait()
        #expect(status == 69, "EX_UNAVAILABLE, as the README promises")
        #expect(second.standardError.contains("already serving"))
        #expect(daemon.ask("PING") == "OK PONG")
    }

    @Test func aPathThatIsNotASocketIsNeverReplaced() throws {
        let directory = Binaries.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("file").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data("keep me".utf8)))
        let child = try ChildProcess(Binaries.stated, ["--socket", path])
        #expect(child.wait() == 73)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "keep me")
    }

    @Test func theSocketFileGetsModeSixSixtyAndTheEnvironmentNamesIt() throws {
        let directory = Binaries.temporaryDirectory()
        let path = directory.appendingPathComponent("env.sock").path
        let daemon = try StateDaemon(
            environment: ["ATM_STATED_SOCKET": path], arguments: [], directory: directory, socketName: "env.sock")
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o660)
        #expect(TestSocket.unix(path)?.ask("PING") == "OK PONG")
        #expect(daemon.stop() == 0)
    }

    @Test func sigtermRemovesTheSocketFileAndExitsZero() throws {
        let daemon = try StateDaemon()
        let idle = try #require(daemon.connect())
        #expect(daemon.stop() == 0)
        #expect(!FileManager.default.fileExists(atPath: daemon.socketPath))
        #expect(idle.readLine() == nil)
    }

    @Test func sigintStopsItToo() throws {
        let daemon = try StateDaemon()
        daemon.child.signal(SIGINT)
        #expect(daemon.child.wait() == 0)
        #expect(!FileManager.default.fileExists(atPath: daemon.socketPath))
    }

    @Test func excessClientsAreRefusedWithBusyAndServedAgainLater() throws {
        let daemon = try StateDaemon(environment: ["ATM_STATED_MAX_CLIENTS": "4"])
        var held: [TestSocket] = []
        for _ in 0..<200 where held.count < 4 {
            // The start-up probe's connection may still count for a moment; retry until four are served.
            if let client = daemon.connect(), client.ask("PING") == "OK PONG" {
                held.append(client)
            } else {
                usleep(10_000)
            }
        }
        #expect(held.count == 4)
        #expect(daemon.connect()?.readLine()?.hasPrefix("ERR busy") == true)
        held.removeAll()
        #expect(daemon.answersPingWithin(seconds: 2), "served again once the clients left")
    }

    @Test func anIdleClientIsDisconnectedAfterTheIdleTimeout() throws {
        let idleTimeout = 200
        let daemon = try StateDaemon(environment: ["ATM_STATED_IDLE_TIMEOUT_MS": "\(idleTimeout)"])
        let start = Date()
        let client = try #require(daemon.connect())
        #expect(client.readLine()?.hasPrefix("ERR timeout") == true)
        let elapsed = Date().timeIntervalSince(start)
        #expect(elapsed >= Bounds.seconds(idleTimeout) && elapsed < Bounds.latest(idleTimeout), "after \(elapsed) s")
    }

    @Test func helpAndVersionWork() throws {
        let help = try ChildProcess(Binaries.stated, ["--help"])
        #expect(help.wait() == 0)
        let version = try ChildProcess(Binaries.stated, ["--version"])
        #expect(version.wait() == 0)
        let bad = try ChildProcess(Binaries.stated, ["--bogus"])
        #expect(bad.wait() == 64)
        #expect(bad.standardError.contains("--bogus"))
    }

    @Test func systemdSocketActivationAndReadinessAreHonoured() throws {
        let activate = try #require(Binaries.which("systemd-socket-activate"), "systemd-socket-activate is needed")
        let directory = Binaries.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("activated.sock").path
        let notifyPath = directory.appendingPathComponent("notify.sock").path
        let notify = bindUnixSocket(notifyPath, type: SOCK_DGRAM)
        defer { close(notify) }
        let child = try ChildProcess(
            activate,
            ["-l", path, "-E", "NOTIFY_SOCKET=\(notifyPath)", Binaries.stated, "--socket", "/nonexistent/x.sock"])
        var reply: String?
        for _ in 0..<200 where reply == nil {
            reply = TestSocket.unix(path)?.ask("BALANCE 1001")
            if reply == nil { usleep(10_000) }
        }
        #expect(reply == "OK 1001 100000")
        var buffer = [UInt8](repeating: 0, count: 64)
        var time = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(notify, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        let got = recv(notify, &buffer, buffer.count, 0)
        #expect(got > 0 && String(decoding: buffer[..<max(got, 0)], as: UTF8.self) == "READY=1")
        child.signal(SIGTERM)
        #expect(child.wait() == 0)
    }
}
