// swift-tools-version: 6.1
import PackageDescription

/// Settings every Swift target shares: Swift 6 mode (strict concurrency) plus the
/// upcoming features the style guide asks for.
let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "Ignitabull",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "ignitabull", targets: ["ignitabull"]),
        .library(name: "Engine", targets: ["Engine"]),
        .library(name: "GraphStore", targets: ["GraphStore"]),
        .library(name: "GraphImport", targets: ["GraphImport"]),
        .library(name: "Recommend", targets: ["Recommend"]),
        .library(name: "VectorKernels", targets: ["VectorKernels"]),
        .library(name: "Embeddings", targets: ["Embeddings"]),
        .library(name: "VectorIndex", targets: ["VectorIndex"]),
        .library(name: "CypherRuntime", targets: ["CypherRuntime"]),
        .library(name: "BoltServer", targets: ["BoltServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.14.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
    ],
    targets: [
        // System libraries. Each is reached through one module map; `.ci/run` and
        // `scripts/setup` install the Debian packages named in `providers`.
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),

        // Graph layer.
        .target(
            name: "GraphStore",
            dependencies: [.product(name: "HashTreeCollections", package: "swift-collections")],
            swiftSettings: strict),
        .target(name: "GraphImport", dependencies: ["GraphStore", "CZlib"], swiftSettings: strict),

        // Cypher layer.
        .target(name: "CypherSyntax", swiftSettings: strict),
        .target(
            name: "CypherRuntime",
            dependencies: ["CypherSyntax", "GraphStore", "CMemory", .product(name: "HeapModule", package: "swift-collections")],
            swiftSettings: strict),
        .target(name: "CMemory"),

        // Vector layer. Only VectorKernels imports CBLAS.
        .target(name: "VectorKernels", dependencies: ["CBLAS", "CVectorSIMD"], swiftSettings: strict),
        .target(name: "CVectorSIMD"),
        .target(name: "VectorIndex", dependencies: ["VectorKernels"], swiftSettings: strict),
        .target(name: "Embeddings", dependencies: ["VectorKernels", "CZlib", "CHash"], swiftSettings: strict),
        .target(name: "CHash"),

        // Recommendation strategies, on the graph and the vector index directly.
        .target(
            name: "Recommend",
            dependencies: [
                "GraphStore", "VectorKernels", "CMemory", .product(name: "HeapModule", package: "swift-collections"),
            ],
            swiftSettings: strict),

        // Storage. Only Persistence imports CSQLite.
        .target(name: "Persistence", dependencies: ["GraphStore", "CSQLite"], swiftSettings: strict),

        // Users, roles, API keys, password hashing (system libcrypto), the audit log. Only Access imports CCrypto.
        .target(name: "Access", dependencies: ["CCrypto", "Persistence"], swiftSettings: strict),

        // HTTP client on libcurl (model downloads; the Neo4j mirror). Only CurlClient imports CCurl.
        .target(name: "CurlClient", dependencies: ["CCurl"], swiftSettings: strict),

        // The façade and the CLI.
        .target(
            name: "Engine",
            dependencies: [
                "GraphStore", "GraphImport", "CypherSyntax", "CypherRuntime", "Recommend", "Persistence", "VectorKernels", "VectorIndex",
                "Embeddings", "CMemory",
            ],
            swiftSettings: strict),
        // The Neo4j mirror: the mutation log to a Neo4j HTTP endpoint. The engine does not import it.
        .target(name: "Neo4jMirror", dependencies: ["Engine", "GraphStore", "Persistence", "CurlClient"], swiftSettings: strict),
        // The HTTP server. Only QueryServer imports Hummingbird.
        .target(
            name: "QueryServer",
            dependencies: [
                "Engine", "Access", "CypherSyntax", "CypherRuntime", "GraphStore", "VectorIndex", "Embeddings", "Persistence",
                "Recommend", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"), .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            // The web console (/console): each file compiled into the binary as bytes.
            resources: ["index.html", "console.css", "api.js", "app.js", "graph.js", "overview.js", "query.js", "recs.js",
                "search.js", "ui.js"].map { .embedInCode("Console/\($0)") },
            swiftSettings: strict),
        // Neo4j's Bolt protocol. Only BoltServer imports NIOPosix for Bolt.
        .target(
            name: "BoltServer",
            dependencies: [
                "Engine", "CypherSyntax", "CypherRuntime", "GraphStore", "Persistence",
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        .executableTarget(
            name: "ignitabull",
            dependencies: [
                "Engine", "Access", "QueryServer", "BoltServer", "CurlClient", "Neo4jMirror", "CypherRuntime", "CypherSyntax", "Embeddings", "GraphImport", "GraphStore",
                "Persistence", "Recommend", "VectorIndex", "VectorKernels", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),

        // Tests mirror Sources; TestSupport holds shared helpers.
        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: strict),
        .testTarget(name: "GraphStoreTests", dependencies: ["GraphStore", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "GraphImportTests", dependencies: ["GraphImport", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "VectorKernelsTests", dependencies: ["VectorKernels"], swiftSettings: strict),
        .testTarget(name: "EmbeddingsTests", dependencies: ["Embeddings", "CurlClient"], swiftSettings: strict),
        .testTarget(name: "CypherSyntaxTests", dependencies: ["CypherSyntax"], swiftSettings: strict),
        .testTarget(
            name: "CypherRuntimeTests", dependencies: ["CypherRuntime", "CypherSyntax", "GraphStore", "TestSupport"],
            swiftSettings: strict),
        .testTarget(
            name: "CypherTCKTests", dependencies: ["CypherSyntax", "CypherRuntime", "GraphStore"],
            exclude: ["floors.json", "execution-floors.json"], swiftSettings: strict),
        .testTarget(name: "VectorIndexTests", dependencies: ["VectorIndex", "VectorKernels"], swiftSettings: strict),
        .testTarget(
            name: "EngineTests",
            dependencies: [
                "Engine", "CypherRuntime", "GraphImport", "GraphStore", "Persistence", "Recommend", "VectorIndex",
                "VectorKernels", "TestSupport",
            ],
            swiftSettings: strict),
        .testTarget(
            name: "QueryServerTests",
            dependencies: [
                "QueryServer", "Access", "Engine", "GraphStore", "Recommend", "TestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"), .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOEmbedded", package: "swift-nio"),
            ],
            swiftSettings: strict),
        .testTarget(
            name: "BoltServerTests",
            dependencies: [
                "BoltServer", "Engine", "CypherRuntime", "GraphStore", "TestSupport",
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strict),
        .testTarget(name: "RecommendTests", dependencies: ["Recommend", "GraphImport", "TestSupport"], swiftSettings: strict),
        .testTarget(
            name: "PersistenceTests", dependencies: ["Engine", "GraphStore", "Persistence", "VectorIndex", "ignitabull", "TestSupport"],
            swiftSettings: strict),
        .testTarget(
            name: "Neo4jMirrorTests",
            dependencies: ["Neo4jMirror", "Engine", "CypherRuntime", "GraphStore", "Persistence", "TestSupport"],
            swiftSettings: strict),
        .testTarget(name: "AccessTests", dependencies: ["Access"], swiftSettings: strict),
        .testTarget(name: "ignitabullTests", dependencies: ["ignitabull", "TestSupport"], swiftSettings: strict),
    ]
)
