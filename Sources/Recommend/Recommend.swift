// The Recommend module; see docs/ARCHITECTURE.md for what it owns.
