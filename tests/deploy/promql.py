"""Metric names referenced by a PromQL expression, for checking them against `vigie.metrics`.

This is a tokenizer, not a PromQL parser: it removes strings, label matchers, grouping clauses,
durations and Grafana variables, and takes every remaining identifier that is not a function call
or a keyword to be a metric name. That is enough for the expressions under deploy/.
"""

import re

KEYWORDS = {
    "and",
    "or",
    "unless",
    "by",
    "without",
    "on",
    "ignoring",
    "group_left",
    "group_right",
    "offset",
    "bool",
    "atan2",
    "inf",
    "nan",
}

STRING = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|`[^`]*`')
LABEL_MATCHERS = re.compile(r"\{[^{}]*\}")
GROUPING = re.compile(r"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^()]*\)")
RANGE = re.compile(r"\[[^\[\]]*\]")
GRAFANA_VARIABLE = re.compile(r"\$\{[^}]*\}|\$\w+")
IDENTIFIER = re.compile(r"(?<![\w.])([A-Za-z_:][\w:]*)(\s*\()?")


def referenced_metrics(expression: str) -> set[str]:
    text = STRING.sub('""', expression)
    text = GRAFANA_VARIABLE.sub("1", text)
    text = LABEL_MATCHERS.sub(" ", text)
    text = GROUPING.sub(" ", text)
    text = RANGE.sub(" ", text)

    names = set()
    for match in IDENTIFIER.finditer(text):
        name, call = match.group(1), match.group(2)
        if call or name.lower() in KEYWORDS:
            continue
        names.add(name)
    return names
