import ATMDaemonSystem
import ATMSystem
import Synchronization

#if PostgreSQL
    /// Group commit: callers hand in one item each and block; items that arrive while earlier batches are in
    /// flight are carried together by the next one, so a database commit (a round trip and a WAL flush) is
    /// shared by everyone who was waiting for it.
    ///
    /// No thread of its own. A caller that finds a batch slot free leads: it takes the oldest waiting items,
    /// runs them, hands its batch slot to the oldest caller still waiting (or frees it), and posts each answer
    /// to its caller's own slot (waking that caller alone: no herd on one lock). An item whose deadline passes
    /// before any batch took it is answered by `unsent` (nothing was sent, so nothing applied).
    final class GroupCommit<Item: Sendable, Answer: Sendable>: Sendable {
        /// Why an item got no answer from `run`.
        enum Unsent: Sendable {
            /// Its deadline passed while it waited: never sent.
            case expired
            /// Its batch returned fewer answers than items (a bug): sent, outcome unknown.
            case unanswered
        }

        /// One caller's mailbox: its answer, and whether it was handed a batch slot to lead with. Both can be
        /// set (a caller handed the lead whose item another batch carried), so neither overwrites the other.
        private final class Slot: Sendable {
            struct Mail: Sendable {
                var answer: Answer?
                var lead = false

                /// The mail as it stands, with the lead taken up (an answer stays: it is read once, then the
                /// caller returns).
                mutating func take() -> Mail {
                    let mail = self
                    lead = false
                    return mail
                }
            }
            let mail = ConditionLock(Mail())

            func post(_ change: (inout Mail) -> Void) {
                mail.withLock { change(&$0.state) }
                mail.signal()
            }
        }

        private struct Waiting: Sendable {
            let slot: Slot
            let item: Item
            let deadline: Deadline
        }

        /// What a caller whose deadline passed finds under the queue's lock.
        private enum Verdict {
            case withdrawn, lead, answered(Answer), inABatch
        }

        private struct Queue: Sendable {
            var waiting: [Waiting] = []
            /// Batch slots taken: batches running, and leads handed on and not yet taken up.
            var inFlight = 0
        }

        /// The most items one batch carries.
        let largestBatch: Int
        /// The most batches running at once (each holds one database connection).
        let batchesInFlight: Int
        private let queue = Mutex(Queue())
        private let unsent: @Sendable (Item, Unsent) -> Answer

        init(largestBatch: Int, batchesInFlight: Int, unsent: @escaping @Sendable (Item, Unsent) -> Answer) {
            self.largestBatch = max(1, largestBatch)
            self.batchesInFlight = max(1, batchesInFlight)
            self.unsent = unsent
        }

        /// Items queued and not yet taken by a batch (what a test waits for before it lets a batch go).
        var waitingCount: Int { queue.withLock { $0.waiting.count } }

        /// `item`'s answer, once a batch carrying it has run (or its deadline passed before one took it). `run`
        /// carries out a batch and returns one answer per item, in order; whichever caller leads a batch runs it
        /// with its own `run`, so every caller passes the same one. (Not stored: a stored closure over the
        /// ledger would keep the ledger, and its connections, alive for ever.)
        func submit(_ item: Item, until deadline: Deadline, run: ([Item]) -> [Answer]) -> Answer {
            let slot = Slot()
            var leading = queue.withLock { queue in
                queue.waiting.append(Waiting(slot: slot, item: item, deadline: deadline))
                guard queue.inFlight < batchesInFlight else { return false }
                queue.inFlight += 1
                return true
            }
            var timed = true
            while true {
                if leading {
                    lead(run)
                    leading = false
                }
                let mail = slot.mail.withLock { locked in
                    while locked.state.answer == nil && !locked.state.lead {
                        if timed {
                            if !locked.wait(until: deadline) { break }
                        } else {
                            locked.wait()
                        }
                    }
                    return locked.state.take()
                }
                if mail.lead {
                    leading = true
                    continue
                }
                if let answer = mail.answer { return answer }
                // The deadline passed with no mail: withdraw the item if no batch took it yet. Under the queue's
                // lock, so that a lead handed on at this moment is taken up, not lost.
                let verdict = queue.withLock { queue -> Verdict in
                    let mail = slot.mail.withLock { $0.state.take() }
                    if mail.lead { return .lead }
                    if let answer = mail.answer { return .answered(answer) }
                    guard let index = queue.waiting.firstIndex(where: { $0.slot === slot }) else { return .inABatch }
                    queue.waiting.remove(at: index)
                    return .withdrawn
                }
                switch verdict {
                case .withdrawn: return unsent(item, .expired)
                case .answered(let answer): return answer
                case .lead: leading = true
                case .inABatch: timed = false  // its leader posts the answer, bounded by the batch's deadline
                }
            }
        }

        /// With a batch slot held: takes the oldest waiting items (answering those past their deadline), runs
        /// them, hands the slot to the oldest caller still waiting (or frees it), then posts the answers.
        private func lead(_ run: ([Item]) -> [Answer]) {
            let taken: [Waiting] = queue.withLock { queue in
                let count = min(largestBatch, queue.waiting.count)
                let taken = Array(queue.waiting.prefix(count))
                queue.waiting.removeFirst(count)
                return taken
            }
            var batch: [Waiting] = []
            batch.reserveCapacity(taken.count)
            for waiting in taken {
                if waiting.deadline.hasPassed {
                    let answer = unsent(waiting.item, .expired)
                    waiting.slot.post { $0.answer = answer }
                } else {
                    batch.append(waiting)
                }
            }
            let answers = batch.isEmpty ? [] : run(batch.map(\.item))
            // The next batch first, then the answers: waking each caller is a system call, and the items that
            // queued meanwhile should not wait for them.
            queue.withLock { queue in
                if let next = queue.waiting.first {
                    next.slot.post { $0.lead = true }
                } else {
                    queue.inFlight -= 1
                }
            }
            for (index, waiting) in batch.enumerated() {
                let answer = index < answers.count ? answers[index] : unsent(waiting.item, .unanswered)
                waiting.slot.post { $0.answer = answer }
            }
        }
    }
#endif
