"""Building the app inside a uvicorn worker process (``eventledger serve --workers N``).

Uvicorn starts each worker from an import string, so the parent passes the database URL and the
settings file through the environment (``EVENTLEDGER_SERVE_DB``, ``EVENTLEDGER_SERVE_CONFIG``).
Each worker has its own caches and login limiter (see docs/web.md).
"""

from __future__ import annotations

import os
from pathlib import Path

from fastapi import FastAPI

from eventledger.settings import Settings

DB_VARIABLE = "EVENTLEDGER_SERVE_DB"
CONFIG_VARIABLE = "EVENTLEDGER_SERVE_CONFIG"


def app_from_environment() -> FastAPI:
    from eventledger.store import open_database
    from eventledger.web.app import create_app

    config = os.environ.get(CONFIG_VARIABLE)
    settings = Settings.load(config_file=Path(config) if config else None)
    return create_app(settings, open_database(settings, os.environ.get(DB_VARIABLE) or None))
