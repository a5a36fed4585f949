"""Entry point of the notifier service: `python -m services.notifier.main`."""

import uvicorn

from services.notifier.app import create_app
from vigie.logs import configure_logging
from vigie.settings import get_settings


def main() -> None:
    settings = get_settings()
    configure_logging(settings, "notifier")
    uvicorn.run(create_app(settings), host=settings.NOTIFIER_HOST, port=settings.NOTIFIER_PORT, log_config=None)


if __name__ == "__main__":
    main()
