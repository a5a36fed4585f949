"""A small model of Grafana dashboard JSON (schemaVersion 39) and PromQL helpers.

service_dashboards.py and overview_dashboards.py declare the dashboards with it; `render` turns one
into the JSON that Grafana's file provisioning loads.
"""

from dataclasses import dataclass, field
from typing import Any

SCHEMA_VERSION = 39
DATASOURCE = {"type": "prometheus", "uid": "${datasource}"}
RATE_WINDOW = "$__rate_interval"
PANEL_HEIGHT = {"timeseries": 8, "bargauge": 8, "stat": 4}
GRID_WIDTH = 24


@dataclass(frozen=True)
class Query:
    expr: str
    legend: str = ""


@dataclass(frozen=True)
class Panel:
    title: str
    queries: tuple[Query, ...]
    unit: str = "short"
    kind: str = "timeseries"
    description: str = ""
    width: int = 12
    stacked: bool = False
    # Value to (text, color) for stat panels of 0/1 series such as `up`.
    value_mappings: dict[str, tuple[str, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Row:
    title: str
    panels: tuple[Panel, ...]


@dataclass(frozen=True)
class Variable:
    name: str
    label: str
    query: str
    regex: str = ""


@dataclass(frozen=True)
class Dashboard:
    uid: str
    title: str
    description: str
    rows: tuple[Row, ...]
    variables: tuple[Variable, ...] = ()


def row(title: str, *panels: Panel) -> Row:
    return Row(title, panels)


def graph(title: str, *queries: Query, **options: Any) -> Panel:
    return Panel(title, queries, **options)


def stat(title: str, *queries: Query, **options: Any) -> Panel:
    return Panel(title, queries, kind="stat", **options)


def rate(metric: str, matchers: str = "", by: str = "") -> str:
    grouping = f"sum by ({by}) " if by else "sum "
    return f"{grouping}(rate({metric}{{{matchers}}}[{RATE_WINDOW}]))"


def quantile(q: float, histogram: str, matchers: str = "", by: str = "") -> str:
    labels = f"le, {by}" if by else "le"
    buckets = f"rate({histogram}_bucket{{{matchers}}}[{RATE_WINDOW}])"
    return f"histogram_quantile({q}, sum by ({labels}) ({buckets}))"


def ratio(numerator: str, denominator: str) -> str:
    return f"{numerator}\n/\n{denominator}"


def percentiles(histogram: str, matchers: str, levels: tuple[float, ...]) -> tuple[Query, ...]:
    return tuple(Query(quantile(level, histogram, matchers), f"p{round(level * 100)}") for level in levels)


def consumer_lag(matchers: str = "", by: str = "group, topic") -> str:
    # Several replicas may export the same partition's lag: take one value per partition first.
    return f"sum by ({by}) (max by (group, topic, partition) (vigie_kafka_consumer_lag{{{matchers}}}))"


def render(dashboard: Dashboard) -> dict[str, Any]:
    panels: list[dict[str, Any]] = []
    next_id = 1
    y = 0
    for dashboard_row in dashboard.rows:
        panels.append(
            {
                "id": next_id,
                "type": "row",
                "title": dashboard_row.title,
                "collapsed": False,
                "gridPos": {"h": 1, "w": GRID_WIDTH, "x": 0, "y": y},
                "panels": [],
            }
        )
        next_id += 1
        y += 1
        x = 0
        row_height = 0
        for panel in dashboard_row.panels:
            if x + panel.width > GRID_WIDTH:
                x, y, row_height = 0, y + row_height, 0
            height = PANEL_HEIGHT[panel.kind]
            panels.append(_render_panel(panel, next_id, {"h": height, "w": panel.width, "x": x, "y": y}))
            next_id += 1
            x += panel.width
            row_height = max(row_height, height)
        y += row_height

    return {
        "id": None,
        "uid": dashboard.uid,
        "title": dashboard.title,
        "description": dashboard.description,
        "tags": ["vigie"],
        "editable": True,
        "graphTooltip": 1,
        "timezone": "browser",
        "refresh": "30s",
        "time": {"from": "now-6h", "to": "now"},
        "schemaVersion": SCHEMA_VERSION,
        "version": 1,
        "annotations": {"list": []},
        "links": [
            {
                "title": "Vigie",
                "type": "dashboards",
                "tags": ["vigie"],
                "asDropdown": True,
                "includeVars": False,
                "keepTime": True,
            }
        ],
        "templating": {"list": [_datasource_variable(), *map(_query_variable, dashboard.variables)]},
        "panels": panels,
    }


def _render_panel(panel: Panel, panel_id: int, grid: dict[str, int]) -> dict[str, Any]:
    targets = [
        {
            "refId": chr(ord("A") + index),
            "datasource": DATASOURCE,
            "expr": query.expr,
            "legendFormat": query.legend or "__auto",
            "range": True,
        }
        for index, query in enumerate(panel.queries)
    ]
    rendered: dict[str, Any] = {
        "id": panel_id,
        "type": panel.kind,
        "title": panel.title,
        "description": panel.description,
        "datasource": DATASOURCE,
        "gridPos": grid,
        "targets": targets,
        "fieldConfig": {"defaults": {"unit": panel.unit}, "overrides": []},
    }
    if panel.kind == "timeseries":
        rendered["fieldConfig"]["defaults"]["custom"] = {
            "drawStyle": "line",
            "lineWidth": 1,
            "fillOpacity": 10,
            "showPoints": "never",
            "stacking": {"mode": "normal" if panel.stacked else "none", "group": "A"},
        }
        rendered["options"] = {
            "legend": {"displayMode": "list", "placement": "bottom", "showLegend": True},
            "tooltip": {"mode": "multi", "sort": "desc"},
        }
    else:
        rendered["options"] = {
            "reduceOptions": {"calcs": ["lastNotNull"], "fields": "", "values": False},
            "orientation": "horizontal",
            "textMode": "auto",
            "colorMode": "value",
            "graphMode": "none",
        }
        if panel.value_mappings:
            options = {
                value: {"text": text, "color": color, "index": index}
                for index, (value, (text, color)) in enumerate(panel.value_mappings.items())
            }
            rendered["fieldConfig"]["defaults"]["mappings"] = [{"type": "value", "options": options}]
    return rendered


def _datasource_variable() -> dict[str, Any]:
    return {
        "name": "datasource",
        "label": "Data source",
        "type": "datasource",
        "query": "prometheus",
        "current": {},
        "hide": 0,
        "refresh": 1,
        "regex": "",
        "options": [],
    }


def _query_variable(variable: Variable) -> dict[str, Any]:
    return {
        "name": variable.name,
        "label": variable.label,
        "type": "query",
        "datasource": DATASOURCE,
        "query": {"query": variable.query, "refId": "variable"},
        "definition": variable.query,
        "regex": variable.regex,
        "multi": True,
        "includeAll": True,
        "allValue": ".*",
        "current": {"selected": True, "text": ["All"], "value": ["$__all"]},
        "refresh": 2,
        "sort": 1,
        "hide": 0,
        "options": [],
    }
