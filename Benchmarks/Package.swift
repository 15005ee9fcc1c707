// swift-tools-version: 6.1
import PackageDescription

// Benchmarks live in their own package so that a root `swift build` fetches none of
// their dependencies. Run from this folder: `swift package benchmark` (ordo-one/benchmark),
// or `swift run -c release <Name>` for the report-style executables.
let package = Package(
    name: "IgnitabullBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Ignitabull", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark.git", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "GraphBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "GraphStore", package: "Ignitabull"),
                .product(name: "GraphImport", package: "Ignitabull"),
                .product(name: "Recommend", package: "Ignitabull"),
            ],
            path: "GraphBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
        .executableTarget(
            name: "StorageBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Engine", package: "Ignitabull"),
                .product(name: "GraphStore", package: "Ignitabull"),
                .product(name: "GraphImport", package: "Ignitabull"),
                .product(name: "CypherRuntime", package: "Ignitabull"),
            ],
            path: "StorageBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
        .executableTarget(
            name: "CypherBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "GraphStore", package: "Ignitabull"),
                .product(name: "GraphImport", package: "Ignitabull"),
                .product(name: "CypherRuntime", package: "Ignitabull"),
            ],
            path: "CypherBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
        .executableTarget(
            name: "CypherCompare",
            dependencies: [
                .product(name: "GraphStore", package: "Ignitabull"),
                .product(name: "GraphImport", package: "Ignitabull"),
                .product(name: "CypherRuntime", package: "Ignitabull"),
            ],
            path: "CypherCompare"),
        .executableTarget(
            name: "GraphWorkload",
            dependencies: [
                .product(name: "GraphStore", package: "Ignitabull"),
                .product(name: "GraphImport", package: "Ignitabull"),
                .product(name: "CypherRuntime", package: "Ignitabull"),
                .product(name: "Engine", package: "Ignitabull"),
            ],
            path: "GraphWorkload"),
        .executableTarget(
            name: "EmbeddingBenchmarks",
            dependencies: [
                .product(name: "Embeddings", package: "Ignitabull"),
                .product(name: "VectorKernels", package: "Ignitabull"),
            ],
            path: "EmbeddingBenchmarks"),
        .executableTarget(
            name: "RecommendBenchmarks",
            dependencies: [
                .product(name: "GraphStore", package: "Ignitabull"),
                .product(name: "GraphImport", package: "Ignitabull"),
                .product(name: "Recommend", package: "Ignitabull"),
                .product(name: "Engine", package: "Ignitabull"),
                .product(name: "VectorKernels", package: "Ignitabull"),
            ],
            path: "RecommendBenchmarks"),
        .executableTarget(
            name: "VectorBenchmarks",
            dependencies: [
                .product(name: "VectorIndex", package: "Ignitabull"),
                .product(name: "VectorKernels", package: "Ignitabull"),
            ],
            path: "VectorBenchmarks"),
    ]
)
