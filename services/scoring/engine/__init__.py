"""Vigie's scoring engine: rules that score review and message texts for risk, and the reply_breach check.

A pure library: no Kafka and no database. The stream app and the CLI build one TextScorer and reuse it.
"""

from services.scoring.engine.reply_check import check_reply
from services.scoring.engine.scorer import TextScorer
from services.scoring.engine.version import SCORER_VERSION

__all__ = ["SCORER_VERSION", "TextScorer", "check_reply"]
