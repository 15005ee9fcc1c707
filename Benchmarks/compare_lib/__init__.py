"""The modules behind `Benchmarks/compare`: one per peer and per workload (see docs/benchmarks.md)."""
