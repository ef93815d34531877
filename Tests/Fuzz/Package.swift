// swift-tools-version: 6.1
import PackageDescription

/// libFuzzer targets for the parsers, kept out of the main package: they only link with
/// `-sanitize=fuzzer`, which supplies their `main`. Build and run them with `scripts/fuzz`.
let fuzzTarget: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

let package = Package(
    name: "atm-fuzz",
    dependencies: [.package(name: "atm", path: "../..")],
    targets: [
        .executableTarget(
            name: "FuzzHTTPReader",
            dependencies: [.product(name: "HTTP1", package: "atm"), .product(name: "ATMAPI", package: "atm")],
            swiftSettings: fuzzTarget),
        .executableTarget(
            name: "FuzzAmountBody",
            dependencies: [
                .product(name: "ATMAPI", package: "atm"), .product(name: "ATMMoney", package: "atm"),
                .product(name: "ATMJSON", package: "atm"), .product(name: "ATMLedger", package: "atm"),
            ],
            swiftSettings: fuzzTarget),
        .executableTarget(
            name: "FuzzProtocolLine",
            dependencies: [
                .product(name: "ATMProtocol", package: "atm"), .product(name: "ATMMoney", package: "atm"),
                .product(name: "ATMCore", package: "atm"), .product(name: "ATMLedger", package: "atm"),
                .product(name: "ATMDaemon", package: "atm"),
            ],
            swiftSettings: fuzzTarget),
    ],
    swiftLanguageModes: [.v6]
)
