"""Write the Grafana dashboards of deploy/grafana/dashboards/ from their declarations.

    python deploy/grafana/generate.py          # rewrite the JSON files
    python deploy/grafana/generate.py --check  # exit 1 if a JSON file differs from its declaration

Edit the declarations in service_dashboards.py and overview_dashboards.py, not the JSON. Queries
may use only the metric names of vigie/metrics.py and Prometheus' `up`, which
tests/deploy/test_dashboards.py checks.
"""

import json
import sys
from pathlib import Path

from dashboard_model import Dashboard, render
from overview_dashboards import PIPELINE, RISK
from service_dashboards import API, INGEST, NOTIFIER, SCORING

OUTPUT_DIR = Path(__file__).resolve().parent / "dashboards"

DASHBOARDS = {
    "pipeline-overview.json": PIPELINE,
    "ingest.json": INGEST,
    "scoring.json": SCORING,
    "notifier.json": NOTIFIER,
    "api.json": API,
    "risk-activity.json": RISK,
}


def dashboard_text(dashboard: Dashboard) -> str:
    return json.dumps(render(dashboard), indent=2, ensure_ascii=False) + "\n"


def main(arguments: list[str]) -> int:
    if arguments not in ([], ["--check"]):
        print("usage: python deploy/grafana/generate.py [--check]", file=sys.stderr)
        return 2
    check = arguments == ["--check"]
    stale = []
    for name, dashboard in DASHBOARDS.items():
        path = OUTPUT_DIR / name
        text = dashboard_text(dashboard)
        if check:
            if not path.exists() or path.read_text() != text:
                stale.append(name)
            continue
        path.write_text(text)

    if stale:
        print(f"out of date: {', '.join(stale)}; run python deploy/grafana/generate.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
