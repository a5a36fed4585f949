"""structlog set-up: JSON lines in production, readable lines in development.

Every line carries the context variables bound for the current request or message (correlation id,
event id, topic, partition, offset). Review text is never logged: log ids.
"""

import logging
import sys

import structlog

from vigie.settings import Settings


def _shared_processors() -> list[structlog.types.Processor]:
    return [
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        structlog.processors.StackInfoRenderer(),
        structlog.processors.format_exc_info,
    ]


def build_formatter(settings: Settings) -> logging.Formatter:
    """Return the formatter that renders stdlib and structlog records alike."""
    renderer: structlog.types.Processor
    if settings.LOG_FORMAT == "json":
        renderer = structlog.processors.JSONRenderer()
    else:
        renderer = structlog.dev.ConsoleRenderer(colors=False)
    return structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=_shared_processors(),
        processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, renderer],
    )


def build_handler(settings: Settings) -> logging.Handler:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(build_formatter(settings))
    return handler


def configure_logging(settings: Settings, service: str) -> None:
    structlog.configure(
        processors=[*_shared_processors(), structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
    root = logging.getLogger()
    root.handlers = [build_handler(settings)]
    root.setLevel(settings.LOG_LEVEL.upper())
    structlog.contextvars.bind_contextvars(service=service)

    # aiokafka logs every coordinator change at INFO; the lifecycle lines we need are our own.
    logging.getLogger("aiokafka").setLevel(logging.WARNING)
    logging.getLogger("uvicorn.access").setLevel(logging.WARNING)


def get_logger(name: str) -> structlog.stdlib.BoundLogger:
    return structlog.stdlib.get_logger(name)
