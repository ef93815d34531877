// swift-tools-version: 6.1
import PackageDescription

/// Libraries hold the logic; the two executables are glue. Only `ATMSystem` (and the daemon's `ATMDaemonSystem`)
/// talk to libc, through `CPosix`.
///
/// Layers, bottom up: bytes → money, JSON and the HTTP/1.1 codec → protocol, ledger and the HTTP API →
/// daemon and handler.
let package = Package(
    name: "atm",
    products: [
        .executable(name: "atm-stated", targets: ["atm-stated"]),
        .executable(name: "atm-handler", targets: ["atm-handler"]),
        // Libraries, for the fuzz targets in Tests/Fuzz (a package of its own).
        .library(name: "ATMMoney", targets: ["ATMMoney"]),
        .library(name: "ATMCore", targets: ["ATMCore"]),
        .library(name: "ATMJSON", targets: ["ATMJSON"]),
        .library(name: "ATMProtocol", targets: ["ATMProtocol"]),
        .library(name: "ATMLedger", targets: ["ATMLedger"]),
        .library(name: "HTTP1", targets: ["HTTP1"]),
        .library(name: "ATMAPI", targets: ["ATMAPI"]),
        .library(name: "ATMDaemon", targets: ["ATMDaemon"]),
        .library(name: "ATMJournal", targets: ["ATMJournal"]),
    ],
    // `swift build --traits PostgreSQL` adds the PostgreSQL ledger (libpq); the default build needs no libpq.
    // Naming traits replaces the default ones, so that build also drops StaticStated: libpq has no usable static
    // library (libpq.a needs libpgcommon, libpgport, OpenSSL, GSSAPI…), and that atm-stated links it dynamically.
    traits: [
        .default(enabledTraits: ["StaticStated"]),
        .trait(name: "PostgreSQL", description: "The PostgreSQL ledger backend, over libpq (Debian: libpq-dev)."),
        .trait(name: "StaticStated", description: "A fully static release atm-stated (not with PostgreSQL)."),
    ],
    dependencies: [],
    targets: [
        .target(name: "ATMBytes"),
        .target(name: "ATMMoney", dependencies: ["ATMBytes"]),
        .target(name: "ATMJSON", dependencies: ["ATMBytes"]),
        .target(name: "CPosix"),
        .target(name: "ATMSystem", dependencies: ["ATMBytes", "CPosix"]),
        // Threads, locks, listening sockets, files and systemd: the daemon's alone, so the handler cannot link them.
        .target(name: "ATMDaemonSystem", dependencies: ["ATMBytes", "ATMSystem", "CPosix"]),
        // The typed core: operations, outcomes, error codes and their stored formats; no protocol, no I/O.
        .target(name: "ATMCore", dependencies: ["ATMBytes", "ATMMoney"]),
        .target(name: "ATMProtocol", dependencies: ["ATMBytes", "ATMMoney", "ATMCore"]),
        .target(name: "ATMJournal", dependencies: ["ATMBytes", "ATMSystem", "ATMDaemonSystem"]),
        // The journal's simulated disk, for tests only.
        .target(name: "ATMJournalTesting", dependencies: ["ATMJournal", "ATMSystem", "ATMDaemonSystem"]),
        .target(
            name: "ATMLedger",
            dependencies: ["ATMCore", "ATMBytes", "ATMMoney", "ATMJSON", "ATMSystem", "ATMDaemonSystem"]),
        .target(name: "HTTP1", dependencies: ["ATMBytes"]),
        .target(name: "ATMAPI", dependencies: ["ATMCore", "ATMBytes", "ATMMoney", "ATMJSON", "ATMProtocol", "HTTP1"]),
        .target(
            name: "ATMDaemon",
            dependencies: [
                "ATMBytes", "ATMMoney", "ATMCore", "ATMProtocol", "ATMLedger", "ATMJournal", "ATMSystem",
                "ATMDaemonSystem",
                .target(name: "ATMPostgres", condition: .when(traits: ["PostgreSQL"])),
            ]),
        .target(
            name: "ATMHandler",
            dependencies: ["ATMCore", "ATMBytes", "ATMMoney", "ATMProtocol", "HTTP1", "ATMAPI", "ATMSystem"]),
        .executableTarget(
            name: "atm-journal-bench", dependencies: ["ATMJournal", "ATMSystem", "ATMDaemonSystem"],
            path: "bench/journal"),
        .systemLibrary(name: "CLibpq", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .target(
            name: "ATMPostgres",
            dependencies: [
                "ATMCore", "ATMMoney", "ATMSystem", "ATMDaemonSystem",
                .target(name: "CLibpq", condition: .when(traits: ["PostgreSQL"])),
            ]),
        .executableTarget(name: "pg-bench", dependencies: ["ATMPostgres"], path: "bench/pg-bench"),
        // Release binaries are fully static, so they run on a host without the Swift toolchain: atm-handler
        // always, atm-stated in the default build (trait StaticStated; with PostgreSQL it links libpq dynamically).
        .executableTarget(
            name: "atm-stated",
            dependencies: ["ATMDaemon", "ATMJournal", "ATMLedger", "ATMSystem", "ATMDaemonSystem"],
            linkerSettings: [
                .unsafeFlags(
                    ["-static-executable"], .when(platforms: nil, configuration: .release, traits: ["StaticStated"]))
            ]
        ),
        .executableTarget(
            name: "atm-handler",
            dependencies: ["ATMHandler"],
            linkerSettings: [.unsafeFlags(["-static-executable"], .when(configuration: .release))]
        ),
        .testTarget(name: "ATMBytesTests", dependencies: ["ATMBytes"]),
        .testTarget(name: "ATMMoneyTests", dependencies: ["ATMMoney"]),
        .testTarget(name: "ATMJSONTests", dependencies: ["ATMJSON"]),
        .testTarget(name: "ATMSystemTests", dependencies: ["ATMSystem"]),
        .testTarget(name: "ATMDaemonSystemTests", dependencies: ["ATMDaemonSystem"]),
        .testTarget(name: "ATMCoreTests", dependencies: ["ATMCore", "ATMMoney", "ATMBytes"]),
        .testTarget(name: "ATMProtocolTests", dependencies: ["ATMProtocol", "ATMMoney", "ATMCore"]),
        .testTarget(name: "ATMLedgerTests", dependencies: ["ATMCore", "ATMLedger", "ATMMoney"]),
        .testTarget(name: "HTTP1Tests", dependencies: ["HTTP1", "ATMBytes"]),
        .testTarget(
            name: "ATMAPITests", dependencies: ["ATMCore", "ATMAPI", "HTTP1", "ATMMoney", "ATMJSON", "ATMProtocol"]),
        .testTarget(
            name: "ATMJournalTests",
            dependencies: ["ATMBytes", "ATMJournal", "ATMJournalTesting", "ATMSystem", "ATMDaemonSystem"]),
        .testTarget(
            name: "ATMHandlerTests",
            dependencies: ["ATMCore", "ATMHandler", "ATMAPI", "ATMProtocol", "ATMSystem", "HTTP1"]),
        .testTarget(
            name: "ATMDaemonTests",
            dependencies: [
                "ATMCore", "ATMDaemon", "ATMLedger", "ATMMoney", "ATMProtocol", "ATMSystem", "ATMDaemonSystem",
                "ATMJournal", "ATMJournalTesting",
            ]),
        .testTarget(
            name: "ATMPostgresTests",
            dependencies: [
                "ATMPostgres", "ATMCore", "ATMMoney", .target(name: "CLibpq", condition: .when(traits: ["PostgreSQL"])),
            ]),
        .testTarget(
            name: "EndToEndTests", dependencies: ["atm-stated", "atm-handler"],
            exclude: ["Fixtures", "JournalFixtures", "Manuals"]),
    ],
    swiftLanguageModes: [.v6]
)
