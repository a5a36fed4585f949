"""Entry point of the gateway API: `python -m services.api.main`."""

import uvicorn

from services.api.app import create_app
from vigie.logs import configure_logging
from vigie.settings import get_settings


def main() -> None:
    settings = get_settings()
    configure_logging(settings, "api")
    uvicorn.run(create_app(settings), host=settings.API_HOST, port=settings.API_PORT, log_config=None)


if __name__ == "__main__":
    main()
