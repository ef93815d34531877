import Foundation
import Testing

/// One canned exchange: `NAME.request` (raw bytes) and `NAME.expected` (status line, the headers that
/// matter, a blank line, the exact body — or `#contains TEXT`). A header's value may instead be
/// `#matches REGEX` (the whole value, for one made of random ids) or `#absent`. An optional
/// `NAME.preload` holds PRELOAD_ACCOUNTS for the daemon; otherwise it starts with the demo accounts.
struct Fixture: CustomTestStringConvertible, Sendable {
    let name: String
    let request: [UInt8]
    let expected: String
    let preload: String?

    var testDescription: String { name }

    static let directory = Binaries.repository.appendingPathComponent("Tests/EndToEndTests/Fixtures")

    static let all: [Fixture] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".request") }.sorted().map { file in
            let name = String(file.dropLast(".request".count))
            let url = directory.appendingPathComponent(name)
            return Fixture(
                name: name,
                request: Array((try? Data(contentsOf: url.appendingPathExtension("request"))) ?? Data()),
                expected: (try? String(contentsOf: url.appendingPathExtension("expected"), encoding: .utf8)) ?? "",
                preload: (try? String(contentsOf: url.appendingPathExtension("preload"), encoding: .utf8))?
                    .trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }()
}

@Suite struct FixtureTests {
    @Test func thereAreFixturesForEveryStatusInTheContract() {
        let statuses = Set(
            Fixture.all.compactMap { $0.expected.split(separator: " ").dropFirst().first.map(String.init) })
        for status in ["200", "400", "404", "405", "411", "413", "414", "415", "417", "431", "501", "505"] {
            #expect(statuses.contains(status), "no fixture answers \(status)")
        }
        #expect(Fixture.all.count > 50)
    }

    @Test(arguments: Fixture.all)
    func cannedRequestGetsTheExpectedResponse(fixture: Fixture) throws {
        var environment: [String: String] = [:]
        if let preload = fixture.preload { environment["PRELOAD_ACCOUNTS"] = preload }
        let daemon = try StateDaemon(environment: environment)
        let run = try runHandler(fixture.request, environment: ["ATM_STATED_SOCKET": daemon.socketPath])
        #expect(run.status == 0)
        let isHead = fixture.request.starts(with: Array("HEAD ".utf8))
        let response = try #require(ParsedResponse(run.output, answeringHead: isHead), "torn response: \(run.text)")

        let sections = fixture.expected.components(separatedBy: "\n\n")
        let expectedHead = sections[0].split(separator: "\n").map(String.init)
        var expectedBody = sections.dropFirst().joined(separator: "\n\n")
        if expectedBody.hasSuffix("\n") { expectedBody.removeLast() }

        #expect(response.statusLine == expectedHead[0])
        for line in expectedHead.dropFirst() {
            let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts[1] == "#absent" {
                #expect(response.header(parts[0]) == nil, "header \(parts[0])")
            } else if parts[1].hasPrefix("#matches ") {
                let value = try #require(response.header(parts[0]), "header \(parts[0])")
                let pattern = "^(?:" + parts[1].dropFirst("#matches ".count) + ")$"
                #expect(value.range(of: pattern, options: .regularExpression) != nil, "header \(parts[0]): \(value)")
            } else {
                #expect(response.header(parts[0]) == parts[1], "header \(parts[0])")
            }
        }
        #expect(response.header("Connection") == "close")
        if !expectedHead.contains(where: { $0.hasPrefix("Cache-Control:") }) {
            #expect(response.header("Cache-Control") == "no-store")
        }
        #expect(response.header("X-Content-Type-Options") == "nosniff")
        // docs/http-api.md, Languages: only a request that sends Accept-Language negotiates, and only a body
        // with a sentence is in a language; every other response is as it was before languages existed.
        let negotiates = String(decoding: fixture.request, as: UTF8.self).lowercased().contains("\r\naccept-language:")
        if !negotiates || response.statusLine.contains(" 200 ") {
            #expect(response.header("Content-Language") == nil && response.header("Vary") == nil)
        }
        let date = try #require(response.header("Date"), "RFC 9110 §6.6.1: every response carries Date")
        #expect(isIMFFixdate(date), "\(date)")
        if expectedBody.hasPrefix("#contains ") {
            #expect(response.bodyText.contains(expectedBody.dropFirst("#contains ".count)))
        } else {
            #expect(response.bodyText == expectedBody)
        }
        if fixture.request.firstRange(of: Array("Expect: 100-continue".utf8)) != nil {
            #expect(run.text.hasPrefix("HTTP/1.1 100 Continue\r\n\r\n"))
        } else {
            #expect(run.text.hasPrefix(response.statusLine))
        }
        #expect(run.errors.contains("atm-handler: "), "one log line on a stderr that is not the client")
    }
}

/// `Sun, 06 Nov 1994 08:49:37 GMT`, within a day of now.
private func isIMFFixdate(_ text: String) -> Bool {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "GMT")
    formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
    guard text.utf8.count == 29, let date = formatter.date(from: text) else { return false }
    return formatter.string(from: date) == text && abs(date.timeIntervalSinceNow) < 86_400
}
