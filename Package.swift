// swift-tools-version: 6.1
import PackageDescription

/// Libraries hold the logic; the two executables are glue. Only `ATMSystem` talks to Glibc.
let package = Package(
    name: "atm",
    products: [
        .executable(name: "atm-stated", targets: ["atm-stated"]),
        .executable(name: "atm-handler", targets: ["atm-handler"]),
        // Libraries, for the fuzz targets in Tests/Fuzz (a package of its own).
        .library(name: "ATMCore", targets: ["ATMCore"]),
        .library(name: "ATMProtocol", targets: ["ATMProtocol"]),
        .library(name: "ATMStore", targets: ["ATMStore"]),
        .library(name: "ATMHTTP", targets: ["ATMHTTP"]),
        .library(name: "ATMDaemon", targets: ["ATMDaemon"]),
    ],
    dependencies: [],
    targets: [
        .target(name: "ATMCore"),
        .target(name: "ATMProtocol", dependencies: ["ATMCore"]),
        .target(name: "ATMStore", dependencies: ["ATMCore"]),
        .target(name: "ATMHTTP", dependencies: ["ATMCore"]),
        .target(name: "ATMSystem"),
        .target(name: "ATMDaemon", dependencies: ["ATMCore", "ATMProtocol", "ATMStore", "ATMSystem"]),
        .target(name: "ATMHandler", dependencies: ["ATMCore", "ATMProtocol", "ATMHTTP", "ATMSystem"]),
        .executableTarget(name: "atm-stated", dependencies: ["ATMDaemon"]),
        .executableTarget(
            name: "atm-handler",
            dependencies: ["ATMHandler"],
            linkerSettings: [.unsafeFlags(["-static-executable"], .when(configuration: .release))]
        ),
        .testTarget(name: "ATMCoreTests", dependencies: ["ATMCore"]),
        .testTarget(name: "ATMProtocolTests", dependencies: ["ATMProtocol"]),
        .testTarget(name: "ATMStoreTests", dependencies: ["ATMStore"]),
        .testTarget(name: "ATMHTTPTests", dependencies: ["ATMHTTP"]),
        .testTarget(name: "EndToEndTests", dependencies: ["atm-stated", "atm-handler"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
