import ATMCore
import Testing

/// The one table of error codes: names and numbers unique and stable, statuses that keep the contract.
@Suite struct ErrorCodeTests {
    @Test func everyCodeHasAUniqueNameThatReadsBack() {
        let names = ErrorCode.allCases.map(\.name)
        #expect(Set(names).count == names.count)
        for code in ErrorCode.allCases {
            #expect(ErrorCode(name: Array(code.name.utf8)[...]) == code)
        }
        #expect(ErrorCode(name: Array("no-such-code".utf8)[...]) == nil)
    }

    @Test func theNumbersStoredInJournalsNeverChange() {
        // Journals and snapshots hold these numbers: renumbering one would misread every stored refusal.
        #expect(ErrorCode.allCases.map(\.rawValue) == Array(1...19))
        #expect(ErrorCode.notFound.rawValue == 1 && ErrorCode.insufficientFunds.rawValue == 3)
        #expect(ErrorCode.unknown.rawValue == 11)
    }

    @Test func theContractsSentencesAndStatusesComeFromTheTable() {
        let expected: [(ErrorCode, Int, String)] = [
            (.notFound, 404, "account not found"), (.destinationNotFound, 404, "destination account not found"),
            (.insufficientFunds, 400, "insufficient funds"), (.limitExceeded, 400, "balance limit exceeded"),
            (.sameAccount, 400, "cannot transfer to the same account"),
            (.keyReused, 422, "idempotency key reused with a different request"),
            (.keyInProgress, 409, "a request with this idempotency key is in progress"),
            (.expired, 503, "state service unavailable"), (.unavailable, 503, "state service unavailable"),
            (.busy, 503, "state service unavailable"),
            (.unknown, 504, "the outcome of this request is unknown; retry it with the same Idempotency-Key"),
            (.unauthenticated, 401, "authentication required"), (.forbidden, 403, "not allowed"),
            (.rateLimited, 429, "too many requests"),
        ]
        for (code, status, detail) in expected {
            #expect(code.described.httpStatus == status, "\(code)")
            #expect(code.described.httpDetail.english.description == detail, "\(code)")
        }
        for code: ErrorCode in [.exists, .badCommand, .badArgument, .lineTooLong, .timeout] {
            #expect(code.described.httpStatus == 500, "a code no handler expects is a bug on our side")
        }
    }

    @Test func onlyAnUnknownOutcomeOrAKeyInProgressMayHaveBeenApplied() {
        let maybe = ErrorCode.allCases.filter { !$0.isCertainlyNotApplied }
        #expect(maybe == [.keyInProgress, .unknown])
    }
}
