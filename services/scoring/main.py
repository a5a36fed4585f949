"""Entry point of the scoring service: `python -m services.scoring.main`.

Phases: read settings, configure logging, create the topics, build the faust app, run the worker until
SIGTERM or SIGINT (faust installs the handlers and commits acknowledged offsets on the way out).
"""

import asyncio
import logging
from typing import Any

from faust.worker import Worker

from services.scoring.app import create_app
from services.scoring.tables import changelog_topics
from vigie.kafka import ensure_topics
from vigie.logs import configure_logging
from vigie.settings import Settings, get_settings


class ScoringWorker(Worker):
    """A faust worker that logs in the same structured format as every other Vigie service."""

    def __init__(self, settings: Settings, *args: Any, **kwargs: Any):
        self._settings = settings
        super().__init__(*args, **kwargs)

    def on_setup_root_logger(self, logger: logging.Logger, level: int) -> None:
        # faust installs its own root handler at start; ours replaces it.
        configure_logging(self._settings, "scoring")


def main() -> None:
    settings = get_settings()
    configure_logging(settings, "scoring")
    app = create_app(settings)
    # Faust's internal topics are created here too, with the partition count of the source topic that
    # a changelog must match.
    leader_topic = f"{app.conf.id}-__assignor-__leader"
    asyncio.run(ensure_topics(settings, single_partition=[leader_topic], per_partition=changelog_topics(app)))
    worker = ScoringWorker(settings, app, loglevel=settings.LOG_LEVEL.lower(), quiet=True, redirect_stdouts=False)
    worker.execute_from_commandline()


if __name__ == "__main__":
    main()
