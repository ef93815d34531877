import ATMHandler
import ATMSystem
import Testing

/// `HandlerConfiguration.parse(environment:)` from given dictionaries, every setting at and past its edges.
@Suite struct HandlerConfigurationTests {
    private func parse(_ environment: [String: String]) -> Result<HandlerConfiguration, SettingError> {
        HandlerConfiguration.parse(environment: { environment[$0] })
    }

    /// The numeric settings with the range the help documents (`"64-1048576"`), so the printed ranges and
    /// the parser cannot drift apart.
    static let numericSettings: [(name: String, range: ClosedRange<Int>)] = HandlerSettings.all.compactMap {
        let bounds = $0.accepted.split(separator: "-").compactMap { Int($0) }
        guard bounds.count == 2, $0.name != "ATM_STATED_SOCKET" else { return nil }
        return ($0.name, bounds[0]...bounds[1])
    }

    /// The value a configuration holds for the setting `name`.
    private func value(_ name: String, in configuration: HandlerConfiguration) -> Int? {
        switch name {
        case "ATM_MAX_REQUEST_LINE_BYTES": return configuration.limits.requestLine
        case "ATM_MAX_HEADER_BYTES": return configuration.limits.headerSection
        case "ATM_MAX_BODY_BYTES": return configuration.limits.body
        case "ATM_REQUEST_TIMEOUT_MS": return configuration.requestTimeoutMilliseconds
        case "ATM_HEADER_TIMEOUT_MS": return configuration.headerTimeoutMilliseconds
        case "ATM_STATED_TIMEOUT_MS": return configuration.stateTimeoutMilliseconds
        case "ATM_KEEP_ALIVE_REQUESTS": return configuration.keepAliveRequests
        case "ATM_KEEP_ALIVE_IDLE_MS": return configuration.keepAliveIdleMilliseconds
        case "ATM_HEALTH_ACCOUNTS_LIMIT": return configuration.healthAccountsLimit
        case "ATM_HANDLER_POOL": return configuration.poolSpares
        default: return nil
        }
    }

    @Test func anEmptyEnvironmentGivesTheDocumentedDefaults() throws {
        let configuration = try parse([:]).get()
        #expect(configuration.stateSocketPath == "/run/atm/stated.sock")
        #expect(Self.numericSettings.count == 10)
        for variable in HandlerSettings.all where variable.name != "ATM_STATED_SOCKET" {
            #expect(value(variable.name, in: configuration) == Int(variable.defaultText), "\(variable.name)")
        }
    }

    @Test func everyNumericSettingIsTakenAtBothEdgesOfItsRange() throws {
        for (name, range) in Self.numericSettings {
            for edge in [range.lowerBound, range.upperBound] {
                let configuration = try parse([name: "\(edge)"]).get()
                #expect(value(name, in: configuration) == edge, "\(name)=\(edge)")
            }
        }
    }

    @Test func everyNumericSettingIsRefusedJustPastItsRangeWithItsName() {
        for (name, range) in Self.numericSettings {
            for past in [range.lowerBound - 1, range.upperBound + 1] {
                #expect(throws: SettingError.self, "\(name)=\(past)") { try parse([name: "\(past)"]).get() }
                if case .failure(let error) = parse([name: "\(past)"]) {
                    #expect(error.name == name)
                    #expect(error.description.contains("\(range.lowerBound) to \(range.upperBound)"))
                }
            }
        }
    }

    @Test(arguments: ["", "ten", "-1", "+5", " 5", "5 ", "1e3", "0x10", "99999999999999999999999"])
    func aValueThatIsNotAWholeNumberIsRefused(raw: String) {
        #expect(throws: SettingError.self) { try parse(["ATM_MAX_BODY_BYTES": raw]).get() }
    }

    @Test func leadingZerosOnlyCountTheirValue() throws {
        #expect(try parse(["ATM_MAX_BODY_BYTES": "0000100"]).get().limits.body == 100)
    }

    @Test func theSocketPathMayBeOneToTheMaximumBytes() throws {
        let longest = "/" + String(repeating: "s", count: UnixSocketPath.maximumLength - 1)
        #expect(try parse(["ATM_STATED_SOCKET": longest]).get().stateSocketPath == longest)
        #expect(try parse(["ATM_STATED_SOCKET": "s"]).get().stateSocketPath == "s")
        #expect(throws: SettingError.self) { try parse(["ATM_STATED_SOCKET": longest + "s"]).get() }
        #expect(throws: SettingError.self) { try parse(["ATM_STATED_SOCKET": ""]).get() }
    }
}
