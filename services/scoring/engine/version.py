"""Version of the scoring rules, stored with every result to trace a score to the rules that made it."""

SCORER_VERSION = "2026.12.2"
