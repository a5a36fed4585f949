"""The faust tables behind the stream signals.

Per-practice tables are keyed like the source topic (`<tenant>:<practice>`) and written with the
producer's partitioner, so each key's changelog partition is the one its events come from and a worker
reads only keys of partitions it owns. Author activity spans practices in every partition, so it is a
global table that every worker reads whole.
"""

from typing import Any

import faust

from services.scoring.signals_stage import AUTHORS, BURSTS, LANGUAGES, State


def create_tables(app: faust.App) -> dict[str, Any]:
    # Raw keys are the UTF-8 bytes of the source key, which the partitioner hashes the same way.
    schema: faust.Schema = faust.Schema(key_type=str, key_serializer="raw", value_serializer="json")
    options: dict[str, Any] = {"schema": schema, "use_partitioner": True, "default": None}
    return {
        BURSTS: app.Table(BURSTS, **options),
        LANGUAGES: app.Table(LANGUAGES, **options),
        AUTHORS: app.GlobalTable(AUTHORS, **options),
    }


def changelog_topics(app: faust.App) -> list[str]:
    return [f"{app.conf.id}-{name}-changelog" for name in (BURSTS, LANGUAGES, AUTHORS)]


class FaustSignalTables:
    def __init__(self, tables: dict[str, Any]):
        self._tables = tables

    def get(self, table: str, key: str) -> State | None:
        value = self._tables[table].get(key)
        return dict(value) if value else None

    def set(self, table: str, key: str, value: State) -> None:
        self._tables[table][key] = value
