#if PostgreSQL
    @testable import ATMPostgres
    import Testing

    @Suite("Reconnecting after a lost connection")
    struct ConnectBackoffTests {
        @Test func theWaitsDoubleFromTwentyMillisecondsThenStayAtTwoHundred() {
            #expect((1...7).map { ConnectBackoff.delay(afterFailures: $0) } == [20, 40, 80, 160, 200, 200, 200])
        }

        @Test func aCommandGivesUpRatherThanWaitPastItsDeadline() {
            var backoff = ConnectBackoff()
            #expect(backoff.next(remainingMilliseconds: 1000) == 20)
            #expect(backoff.next(remainingMilliseconds: 980) == 40)
            #expect(backoff.next(remainingMilliseconds: 90) == 80)
            #expect(backoff.next(remainingMilliseconds: 160) == nil, "a wait of 160 ms would reach the deadline")
            #expect(backoff.failures == 4)
            var late = ConnectBackoff()
            #expect(late.next(remainingMilliseconds: 0) == nil)
        }

        @Test func aLongDeadlineKeepsTryingAtTheCeiling() {
            var backoff = ConnectBackoff()
            let waits = (0..<30).compactMap { _ in backoff.next(remainingMilliseconds: 5000) }
            #expect(waits.count == 30)
            let expected = [20, 40, 80, 160] + Array(repeating: 200, count: 26)
            #expect(waits == expected)
        }

        @Test func errorsThatEndTheSessionDropTheConnectionAndAReadOnlyServerIsNotThePrimary() {
            for state in ["08006", "08003", "08001", "57P01", "57P02", "57P03"] {
                #expect(SQLStateMeaning(sqlState: state) == .sessionLost, "\(state)")
            }
            #expect(SQLStateMeaning(sqlState: "25006") == .notPrimary)
            #expect(SQLStateMeaning(sqlState: "57014") == .expired)
            for state in ["40001", "40P01", "23505"] { #expect(SQLStateMeaning(sqlState: state) == .retry) }
            for state in ["42P01", "23514", "XX000", "25001"] {
                #expect(SQLStateMeaning(sqlState: state) == .unexpected, "\(state)")
            }
        }
    }
#endif
