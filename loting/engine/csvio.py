"""CSV readers for quota files and people files.

Quota files: ``feature,value,min,max[,min_flex,max_flex]`` (Sortition Foundation
format) or ``category,feature,min,max`` (Flanigan et al. replication format, where
``category`` is the feature and ``feature`` the value). People files: one row per
person; the id column is given, or, when absent, the 1-based data row number is the id.
Only the quota features are kept (no names or contact details); household columns are
turned into pseudonymous household numbers (``h1``, ``h2``, ... in order of first
appearance), so addresses never leave this module.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path

from .errors import InputError
from .selection import Person, Quota


def _read_rows(path: str | Path) -> tuple[list[str], list[dict[str, str]]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = [{(k or "").strip(): (v or "").strip() for k, v in row.items()} for row in reader]
        header = [h.strip() for h in (reader.fieldnames or [])]
    return header, rows


def _int(row: dict[str, str], key: str, line: int) -> int:
    try:
        return int(row[key])
    except (KeyError, ValueError):
        raise InputError(
            f"Quota file line {line}: {key!r} must be a whole number, got {row.get(key)!r}.",
            code="bad_quota_number",
            line=line,
            column=key,
            value=row.get(key),
        ) from None


def quotas_from_rows(header: Sequence[str], rows: Iterable[dict[str, str]]) -> list[Quota]:
    cols = {h.lower(): h for h in header}
    if "category" in cols:
        fcol, vcol = cols["category"], cols["feature"]
    elif "feature" in cols and "value" in cols:
        fcol, vcol = cols["feature"], cols["value"]
    else:
        raise InputError(
            "A quota file needs columns feature,value,min,max or category,feature,min,max.",
            code="bad_quota_header",
            header=list(header),
        )
    for need in ("min", "max"):
        if need not in cols:
            raise InputError(
                f"The quota file has no {need!r} column.",
                code="bad_quota_header",
                header=list(header),
            )
    quotas = []
    for line, row in enumerate(rows, start=2):
        if not row.get(fcol):
            continue
        min_flex = (
            _int(row, cols["min_flex"], line)
            if "min_flex" in cols and row.get(cols["min_flex"])
            else None
        )
        max_flex = (
            _int(row, cols["max_flex"], line)
            if "max_flex" in cols and row.get(cols["max_flex"])
            else None
        )
        quotas.append(
            Quota(
                feature=row[fcol],
                value=row[vcol],
                min=_int(row, cols["min"], line),
                max=_int(row, cols["max"], line),
                min_flex=min_flex,
                max_flex=max_flex,
            )
        )
    return quotas


def read_quotas(path: str | Path) -> list[Quota]:
    header, rows = _read_rows(path)
    return quotas_from_rows(header, rows)


def people_from_rows(
    header: Sequence[str],
    rows: Iterable[dict[str, str]],
    quotas: Sequence[Quota],
    id_column: str | None = None,
    household_columns: Sequence[str] = (),
) -> list[Person]:
    features = sorted({q.feature for q in quotas})
    missing = [
        c
        for c in [*features, *household_columns, *([id_column] if id_column else [])]
        if c not in header
    ]
    if missing:
        raise InputError(
            f"The people file lacks column(s): {', '.join(missing)}.",
            code="missing_columns",
            columns=missing,
        )
    households: dict[tuple[str, ...], str] = {}
    people = []
    for number, row in enumerate(rows, start=1):
        pid = row[id_column] if id_column else str(number)
        household = None
        if household_columns:
            key = tuple(row[c].casefold() for c in household_columns)
            household = households.setdefault(key, f"h{len(households) + 1}")
        people.append(Person(id=pid, features={f: row[f] for f in features}, household=household))
    return people


def read_people(
    path: str | Path,
    quotas: Sequence[Quota],
    id_column: str | None = None,
    household_columns: Sequence[str] = (),
) -> list[Person]:
    header, rows = _read_rows(path)
    return people_from_rows(header, rows, quotas, id_column, household_columns)
