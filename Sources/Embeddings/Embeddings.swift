// The Embeddings module. Its issue fills it in; see docs/ARCHITECTURE.md for what it owns.
