#if PostgreSQL
    /// The waits between attempts to make a new connection once one failed: a primary that died is usually
    /// replaced within seconds (a standby promoted), so a command keeps trying, quickly at first and then at
    /// a steady pace, instead of answering 503 at the first refusal; but never past its own deadline.
    ///
    /// 20, 40, 80 and 160 ms, then 200 ms for as long as the deadline allows. The ceiling stays low because
    /// every wait is time a client waits after the new primary is already up; the steps start low because a
    /// lost connection to a primary that is still there (a restarted backend) reconnects at once.
    struct ConnectBackoff: Sendable {
        /// The first waits, doubling.
        static let steps = [20, 40, 80, 160]
        /// Every wait after the steps.
        static let ceilingMilliseconds = 200

        /// Failed attempts so far.
        private(set) var failures = 0

        /// The wait after `failures` failed attempts (1 or more).
        static func delay(afterFailures failures: Int) -> Int {
            failures >= 1 && failures <= steps.count ? steps[failures - 1] : ceilingMilliseconds
        }

        /// Counts one more failed attempt and says how long to wait before the next one, or nil when the
        /// deadline (`remainingMilliseconds` away) would pass during the wait: then there is no time to connect
        /// after it, and the caller gives up now rather than past its deadline.
        mutating func next(remainingMilliseconds: Int) -> Int? {
            failures += 1
            let wait = ConnectBackoff.delay(afterFailures: failures)
            return wait < remainingMilliseconds ? wait : nil
        }
    }
#endif
