"""Entry point of the ingest service: `python -m services.ingest.main`."""

import uvicorn

from services.ingest.app import create_app
from vigie.logs import configure_logging
from vigie.settings import get_settings


def main() -> None:
    settings = get_settings()
    configure_logging(settings, "ingest")
    uvicorn.run(create_app(settings), host=settings.INGEST_HOST, port=settings.INGEST_PORT, log_config=None)


if __name__ == "__main__":
    main()
