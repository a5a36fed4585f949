"""Version of the scoring rules, stored with every result so scores can be traced to the rules that made them."""

SCORER_VERSION = "2026.12.1"
