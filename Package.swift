// swift-tools-version:6.2
import PackageDescription

// One block of settings for every target (STYLE.md): Swift 6 mode plus the upcoming features that
// keep existentials, imports and member visibility explicit.
let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Torv",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "torv", targets: ["torv"]),
        .executable(name: "torv-bench", targets: ["torv-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-openapi-generator", from: "1.14.3"),
        .package(url: "https://github.com/apple/swift-openapi-runtime", from: "1.13.4"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/swift-openapi-hummingbird", from: "2.1.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/vapor/postgres-kit", from: "2.17.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/vapor/sql-kit", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit", from: "4.5.2"),
        .package(url: "https://github.com/vapor/sqlite-nio", from: "1.13.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // MARK: Core layers
        .target(
            name: "TorvCore",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Persistence",
            dependencies: [
                "TorvCore",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: Domain modules (never import each other)
        .target(
            name: "Identity",
            dependencies: [
                "TorvCore",
                "Persistence",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Inventory",
            dependencies: [
                "TorvCore",
                "Persistence",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings
        ),

        .target(
            name: "GiftCards",
            dependencies: [
                "TorvCore",
                "Persistence",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Purchasing",
            dependencies: [
                "TorvCore",
                "Persistence",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Promotions",
            dependencies: [
                "TorvCore",
                "Persistence",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Invoicing",
            dependencies: [
                "TorvCore",
                "Persistence",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Ledger",
            dependencies: [
                "TorvCore",
                "Persistence",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Orders",
            dependencies: [
                "TorvCore",
                "Persistence",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),

        .target(
            name: "Sellers",
            dependencies: [
                "TorvCore",
                "Persistence",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings
        ),

        .target(
            name: "Reviews",
            dependencies: [
                "TorvCore",
                "Persistence",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),

        .target(
            name: "Payments",
            dependencies: [
                "TorvCore",
                "Persistence",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),

        .target(
            name: "Catalog",
            dependencies: [
                "TorvCore",
                "Persistence",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),

        .target(
            name: "Customers",
            dependencies: [
                "TorvCore",
                "Persistence",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings
        ),

        .target(
            name: "Checkout",
            dependencies: [
                "TorvCore",
                "Persistence",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: Orchestration, API and composition
        .target(
            name: "Flows",
            dependencies: [
                "TorvCore",
                "Persistence",
                "Identity",
                "Catalog",
                "Inventory",
                "Orders",
                "Customers",
                "Payments",
                "Checkout",
                "Ledger",
                "Invoicing",
                "Purchasing",
                "GiftCards",
                "Promotions",
                "Sellers",
                "Reviews",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "TorvAPI",
            dependencies: [
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime")
            ],
            resources: [.copy("openapi.yaml")],
            swiftSettings: swiftSettings,
            plugins: [.plugin(name: "OpenAPIGenerator", package: "swift-openapi-generator")]
        ),
        .target(
            name: "TorvHTTP",
            dependencies: [
                "TorvAPI",
                "TorvCore",
                "Persistence",
                "Catalog",
                "Identity",
                "Inventory",
                "Checkout",
                "Orders",
                "Payments",
                "Customers",
                "Flows",
                "Ledger",
                "Invoicing",
                "Purchasing",
                "GiftCards",
                "Promotions",
                "Sellers",
                "Reviews",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIHummingbird", package: "swift-openapi-hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Yams", package: "Yams"),
            ],
            resources: [.copy("Templates")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "TorvApp",
            dependencies: [
                "TorvCore",
                "Persistence",
                "Catalog",
                "Identity",
                "Inventory",
                "Payments",
                "Checkout",
                "Orders",
                "Customers",
                "Flows",
                "Invoicing",
                "Purchasing",
                "GiftCards",
                "Promotions",
                "Sellers",
                "Reviews",
                "TorvHTTP",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "torv",
            dependencies: ["TorvApp"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "torv-bench",
            dependencies: ["TorvBench"],
            path: "Sources/torv-bench",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "TorvBench",
            dependencies: [
                "TorvApp",
                "TorvCore",
                "Persistence",
                "TestSupport",
                "Flows",
                "Checkout",
                "Orders",
                "Payments",
                "Ledger",
                "Identity",
                "Promotions",
                "Sellers",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
            ],
            path: "Benchmarks/TorvBench",
            swiftSettings: swiftSettings
        ),

        // MARK: Test support and tests
        .target(
            name: "TestSupport",
            dependencies: [
                "TorvCore",
                "Persistence",
                "Identity",
                "Catalog",
                "Inventory",
                "Checkout",
                "Sellers",
                "Flows",
                "TorvHTTP",
                "TorvApp",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "SQLKit", package: "sql-kit"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TorvCoreTests",
            dependencies: [
                "TorvCore",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PersistenceTests",
            dependencies: [
                "TorvCore",
                "Persistence",
                "TestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "SQLKit", package: "sql-kit"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "IdentityTests",
            dependencies: [
                "TorvCore",
                "Persistence",
                "Identity",
                "Flows",
                "TestSupport",
                .product(name: "SQLKit", package: "sql-kit"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CatalogTests",
            dependencies: [
                "TorvCore",
                "Persistence",
                "Catalog",
                "Flows",
                "TestSupport",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "InventoryTests",
            dependencies: [
                "TorvCore",
                "Persistence",
                "Inventory",
                "Flows",
                "TestSupport",
                .product(name: "SQLKit", package: "sql-kit"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "InvoicingTests",
            dependencies: [
                "TorvCore",
                "Persistence",
                "Invoicing",
                "Flows",
                "TestSupport",
                .product(name: "SQLKit", package: "sql-kit"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GiftCardsTests",
            dependencies: [
                "TorvCore",
                "Persistence",
                "GiftCards",
                "Promotions",
                "Flows",
                "TestSupport",
                .product(name: "SQLKit", package: "sql-kit"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PurchasingTests",
            dependencies: [
                "TorvCore",
                "Persistence",
                "Purchasing",
                "GiftCards",
                "Promotions",
                "Flows",
                "TestSupport",
                .product(name: "SQLKit", package: "sql-kit"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ReviewsTests",
            dependencies: [
                "Reviews",
                "TorvCore",
                "Persistence",
                "TestSupport",
                .product(name: "SQLKit", package: "sql-kit"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SellersTests",
            dependencies: [
                "Sellers",
                "TorvCore",
                "Persistence",
                "Identity",
                "Flows",
                "TestSupport",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PromotionsTests",
            dependencies: [
                "Promotions",
                "TorvCore",
                "Persistence",
                "Checkout",
                "Flows",
                "TestSupport",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LedgerTests",
            dependencies: [
                "TorvCore",
                "Persistence",
                "Ledger",
                "Flows",
                "TestSupport",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "OrdersTests",
            dependencies: [
                "TorvCore",
                "Persistence",
                "Orders",
                "Flows",
                "TestSupport",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CustomersTests",
            dependencies: [
                "TorvCore",
                "Persistence",
                "Customers",
                "Flows",
                "TestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
                .product(name: "SQLKit", package: "sql-kit"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PaymentsTests",
            dependencies: [
                "TorvCore",
                "Persistence",
                "Payments",
                "Flows",
                "TestSupport",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CheckoutTests",
            dependencies: [
                "TorvCore",
                "Persistence",
                "Checkout",
                "Flows",
                "TestSupport",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FlowsTests",
            dependencies: [
                "TorvCore",
                "Persistence",
                "Identity",
                "Customers",
                "Catalog",
                "Inventory",
                "Checkout",
                "Orders",
                "Payments",
                "Flows",
                "Ledger",
                "Invoicing",
                "Purchasing",
                "GiftCards",
                "Promotions",
                "Sellers",
                "Reviews",
                "TestSupport",
                .product(name: "SQLKit", package: "sql-kit"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TorvHTTPTests",
            dependencies: [
                "TorvCore",
                "Persistence",
                "Identity",
                "Inventory",
                "Payments",
                "TorvHTTP",
                "TorvApp",
                "Flows",
                "Ledger",
                "Invoicing",
                "Purchasing",
                "GiftCards",
                "Promotions",
                "Sellers",
                "Reviews",
                "TestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "SQLKit", package: "sql-kit"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TorvAppTests",
            dependencies: [
                "TorvCore",
                "Catalog",
                "Ledger",
                "TorvApp",
                "Flows",
                "Identity",
                "Persistence",
                "Purchasing",
                "GiftCards",
                "Promotions",
                "Sellers",
                "Orders",
                "TestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        // Journeys in a real headless Chromium (WebDriver) against the `torv` binary serving the demo
        // shop: nothing of ours is linked, the pages are driven as a visitor would.
        .testTarget(
            name: "BrowserTests",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
