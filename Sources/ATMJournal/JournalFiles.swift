/// The names of the files that make up one journal, all in the journal's directory.
///
/// `NAME` is the live journal, `NAME.snapshot` the compacted state; `NAME.old` is the closed
/// journal being folded into a new snapshot; `NAME.new` and `NAME.snapshot.tmp` are files being
/// written that become real only when renamed into place.
struct JournalFiles: Sendable {
    let journal: String
    let snapshot: String
    let closed: String
    let newJournal: String
    let newSnapshot: String

    init(name: String) {
        journal = name
        snapshot = name + ".snapshot"
        closed = name + ".old"
        newJournal = name + ".new"
        newSnapshot = name + ".snapshot.tmp"
    }

    /// `path` split at its last slash: ("/var/lib/atm", "journal"); (".", "journal") for a bare name.
    static func split(_ path: String) -> (directory: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let directory = String(path[..<slash])
        return (directory.isEmpty ? "/" : directory, String(path[path.index(after: slash)...]))
    }
}
