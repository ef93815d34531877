// swift-tools-version: 6.1
import PackageDescription

/// Libraries hold the logic; the two executables are glue. Only `ATMSystem` talks to libc, through `CPosix`.
///
/// Layers, bottom up: bytes → money and JSON → protocol, ledger and HTTP → daemon and handler.
let package = Package(
    name: "atm",
    products: [
        .executable(name: "atm-stated", targets: ["atm-stated"]),
        .executable(name: "atm-handler", targets: ["atm-handler"]),
        // Libraries, for the fuzz targets in Tests/Fuzz (a package of its own).
        .library(name: "ATMMoney", targets: ["ATMMoney"]),
        .library(name: "ATMJSON", targets: ["ATMJSON"]),
        .library(name: "ATMProtocol", targets: ["ATMProtocol"]),
        .library(name: "ATMLedger", targets: ["ATMLedger"]),
        .library(name: "ATMHTTP", targets: ["ATMHTTP"]),
        .library(name: "ATMDaemon", targets: ["ATMDaemon"]),
    ],
    dependencies: [],
    targets: [
        .target(name: "ATMBytes"),
        .target(name: "ATMMoney", dependencies: ["ATMBytes"]),
        .target(name: "ATMJSON", dependencies: ["ATMBytes"]),
        .target(name: "CPosix"),
        .target(name: "ATMSystem", dependencies: ["ATMBytes", "CPosix"]),
        .target(name: "ATMProtocol", dependencies: ["ATMBytes", "ATMMoney"]),
        .target(name: "ATMLedger", dependencies: ["ATMMoney", "ATMJSON"]),
        .target(name: "ATMHTTP", dependencies: ["ATMBytes", "ATMMoney", "ATMJSON"]),
        .target(
            name: "ATMDaemon",
            dependencies: ["ATMBytes", "ATMMoney", "ATMProtocol", "ATMLedger", "ATMSystem"]),
        .target(
            name: "ATMHandler",
            dependencies: ["ATMBytes", "ATMMoney", "ATMProtocol", "ATMHTTP", "ATMSystem"]),
        .executableTarget(name: "atm-stated", dependencies: ["ATMDaemon"]),
        .executableTarget(
            name: "atm-handler",
            dependencies: ["ATMHandler"],
            linkerSettings: [.unsafeFlags(["-static-executable"], .when(configuration: .release))]
        ),
        .testTarget(name: "ATMMoneyTests", dependencies: ["ATMMoney"]),
        .testTarget(name: "ATMJSONTests", dependencies: ["ATMJSON"]),
        .testTarget(name: "ATMSystemTests", dependencies: ["ATMSystem"]),
        .testTarget(name: "ATMProtocolTests", dependencies: ["ATMProtocol", "ATMMoney"]),
        .testTarget(name: "ATMLedgerTests", dependencies: ["ATMLedger", "ATMMoney"]),
        .testTarget(name: "ATMHTTPTests", dependencies: ["ATMHTTP", "ATMMoney", "ATMJSON"]),
        .testTarget(name: "EndToEndTests", dependencies: ["atm-stated", "atm-handler"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
