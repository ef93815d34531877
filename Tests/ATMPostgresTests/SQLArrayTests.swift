#if PostgreSQL
    @testable import ATMPostgres
    import Testing

    @Suite("PostgreSQL array literals for a batch's columns")
    struct SQLArrayTests {
        @Test func everyTextElementIsQuotedWithQuotesAndBackslashesEscaped() {
            #expect(SQLArray.text(["a", "b\"c", "d\\e", ""]) == #"{"a","b\"c","d\\e",""}"#)
        }

        /// NULL is SQL NULL only when the element is nil: a key spelled NULL stays a string.
        @Test func onlyAMissingElementIsNull() {
            #expect(SQLArray.text([nil, "NULL", "{x,y}"]) == #"{NULL,"NULL","{x,y}"}"#)
        }

        @Test func anEmptyListIsAnEmptyArray() {
            #expect(SQLArray.text([]) == "{}")
            #expect(SQLArray.integers([]) == "{}")
        }

        @Test func integersAreWrittenAsTheyAreToTheExtremes() {
            #expect(SQLArray.integers([0, -1, .max, .min]) == "{0,-1,9223372036854775807,-9223372036854775808}")
        }
    }
#endif
