"""Reader and writer for the pabulib ``.pb`` format.

A file has three sections, each a line with its name followed by a header line and
``;``-separated rows (fields may be quoted with ``"``, doubled quotes inside):

- ``META`` (``key;value``): budget, vote_type, rule, min_length, max_length,
  max_sum_cost, min_sum_points, max_sum_points, scoring_fn, categories,
  budget_per_category, neighborhoods, budget_per_neighborhood, ... (all kept as strings)
- ``PROJECTS``: ``project_id;cost;...`` with optional ``name``, ``category``/``categories``,
  ``target``/``targets``, ``neighborhood``, ``votes``, ``score``, ``selected``, ...
- ``VOTES``: ``voter_id;vote;...`` with ``points`` for cumulative ballots and any other
  columns (age, sex, voting_method, ...).

Vote types: ``approval`` and ``choose-1`` (a set of projects; repeated ids are kept
once), ``cumulative`` (``points`` aligned with ``vote``), ``ordinal`` (``vote`` in rank
order).  Amounts are parsed exactly (``Fraction``); a decimal comma is accepted.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from stemmen.telling.model import (
    VOTE_TYPES,
    Ballots,
    Election,
    Money,
    Project,
    SubBudget,
    VoteType,
    money_str,
    to_money,
)

_SECTIONS = ("meta", "projects", "votes")
_PROJECT_CORE = ("project_id", "cost")
_CATEGORY_KEYS = ("category", "categories")
_TARGET_KEYS = ("target", "targets")
_NEIGHBORHOOD_KEYS = ("neighborhood", "neighbourhood")


class PabulibError(ValueError):
    """A malformed pabulib file."""


@dataclass
class PabulibFile:
    """A parsed ``.pb`` file: the election plus what is needed to write it back."""

    election: Election
    project_columns: list[str] = field(default_factory=list)
    vote_columns: list[str] = field(default_factory=list)
    vote_extra: list[dict[str, str]] = field(default_factory=list)

    @property
    def meta(self) -> dict[str, str]:
        return self.election.meta

    def selected_ids(self) -> list[str] | None:
        """The official outcome (``selected`` column, value 1), or ``None`` if absent."""
        if not any("selected" in p.extra for p in self.election.projects):
            return None
        return [p.id for p in self.election.projects if p.extra.get("selected", "0").strip() == "1"]


def _split_list(value: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in value.split(",") if x.strip())


def _sub_budgets(meta: dict[str, str]) -> list[SubBudget]:
    subs: list[SubBudget] = []
    for kind, names_key, limits_key in (
        ("category", "categories", "budget_per_category"),
        ("neighborhood", "neighborhoods", "budget_per_neighborhood"),
    ):
        if limits_key not in meta:
            continue
        names = [x.strip() for x in meta.get(names_key, "").split(",")]
        limits = [x.strip() for x in meta[limits_key].split(",")]
        if len(names) != len(limits):
            raise PabulibError(
                f"{limits_key} has {len(limits)} values for {len(names)} {names_key}"
            )
        for name, limit in zip(names, limits, strict=True):
            subs.append(SubBudget(kind, name, to_money(limit)))  # type: ignore[arg-type]
    return subs


def parse_string(text: str) -> PabulibFile:
    """Parse the contents of a ``.pb`` file."""
    if text.startswith("\ufeff"):
        text = text[1:]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";", quotechar='"')
    section = ""
    header: list[str] = []
    meta: dict[str, str] = {}
    project_rows: list[list[str]] = []
    project_header: list[str] = []
    vote_rows: list[list[str]] = []
    vote_header: list[str] = []
    for row in reader:
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        first = row[0].strip().lower()
        if first in _SECTIONS and all(not c.strip() for c in row[1:]):
            section = first
            try:
                header = [h.strip() for h in next(reader)]
            except StopIteration as exc:
                raise PabulibError(f"section {first.upper()} has no header") from exc
            if section == "projects":
                project_header = header
            elif section == "votes":
                vote_header = header
            continue
        if section == "meta":
            if len(row) < 2:
                raise PabulibError(f"META row without value: {row!r}")
            meta[row[0].strip()] = row[1].strip()
        elif section == "projects":
            project_rows.append(row)
        elif section == "votes":
            vote_rows.append(row)
        else:
            raise PabulibError("data before the first section")
    for key in ("budget", "vote_type"):
        if key not in meta:
            raise PabulibError(f"META lacks {key!r}")
    vote_type = meta["vote_type"].strip().lower()
    if vote_type not in VOTE_TYPES:
        raise PabulibError(f"vote type {vote_type!r} is not supported ({', '.join(VOTE_TYPES)})")
    for col in _PROJECT_CORE:
        if col not in project_header:
            raise PabulibError(f"PROJECTS lacks column {col!r}")

    projects: list[Project] = []
    for row in project_rows:
        cells = dict(zip(project_header, (c.strip() for c in row), strict=False))
        cat_key = next((k for k in _CATEGORY_KEYS if k in cells), None)
        tgt_key = next((k for k in _TARGET_KEYS if k in cells), None)
        nb_key = next((k for k in _NEIGHBORHOOD_KEYS if k in cells), None)
        skip = set(_PROJECT_CORE) | {"name", cat_key, tgt_key, nb_key}
        categories = cells.get(cat_key, "") if cat_key else ""
        targets = cells.get(tgt_key, "") if tgt_key else ""
        projects.append(
            Project(
                id=cells["project_id"],
                cost=to_money(cells["cost"]),
                name=cells.get("name", ""),
                categories=_split_list(categories) if categories.lower() != "none" else (),
                targets=_split_list(targets) if targets.lower() != "none" else (),
                neighborhood=(cells[nb_key] or None) if nb_key else None,
                extra={k: v for k, v in cells.items() if k not in skip},
            )
        )
    index = {p.id: i for i, p in enumerate(projects)}
    if len(index) != len(projects):
        raise PabulibError("duplicate project_id")

    if "vote" not in vote_header or "voter_id" not in vote_header:
        raise PabulibError("VOTES needs columns voter_id and vote")
    vcol = vote_header.index("vote")
    idcol = vote_header.index("voter_id")
    pcol = vote_header.index("points") if "points" in vote_header else None
    extra_cols = [
        (i, h) for i, h in enumerate(vote_header) if h not in ("voter_id", "vote", "points")
    ]
    lengths: list[int] = []
    flat: list[int] = []
    flat_points: list[int] = []
    voter_ids: list[str] = []
    vote_extra: list[dict[str, str]] = []
    dedupe = vote_type in ("approval", "choose-1")
    lookup = index.__getitem__
    for row in vote_rows:
        voter_ids.append(row[idcol].strip())
        raw = row[vcol].strip() if vcol < len(row) else ""
        if not raw:
            names: list[str] = []
        elif " " in raw or ",," in raw or raw.endswith(","):
            names = [x for x in (y.strip() for y in raw.split(",")) if x]
        else:
            names = raw.split(",")
        try:
            ids = list(map(lookup, names))
        except KeyError as exc:
            raise PabulibError(f"voter {row[idcol]} votes for unknown project {exc}") from exc
        if dedupe and len(set(ids)) != len(ids):
            ids = list(dict.fromkeys(ids))
        if vote_type == "cumulative":
            praw = row[pcol].strip() if pcol is not None and pcol < len(row) else ""
            pts = [x.strip() for x in praw.split(",")] if praw else []
            if len(pts) != len(ids):
                raise PabulibError(f"voter {row[idcol]}: points do not align with vote")
            for x in pts:
                value = to_money(x)
                if not isinstance(value, int):
                    raise PabulibError(f"voter {row[idcol]}: points must be integers")
                flat_points.append(value)
        lengths.append(len(ids))
        flat.extend(ids)
        if extra_cols:
            width = len(row)
            vote_extra.append({h: (row[i].strip() if i < width else "") for i, h in extra_cols})
        else:
            vote_extra.append({})
    indptr = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(lengths, out=indptr[1:])
    ballots = Ballots(
        indptr,
        np.array(flat, dtype=np.int64),
        np.array(flat_points, dtype=np.int64) if vote_type == "cumulative" else None,
        voter_ids,
    )
    vt: VoteType = vote_type  # type: ignore[assignment]
    election = Election(
        projects=projects,
        ballots=ballots,
        budget=to_money(meta["budget"]),
        vote_type=vt,
        sub_budgets=_sub_budgets(meta),
        meta=meta,
    )
    return PabulibFile(election, project_header, vote_header, vote_extra)


def read(path: str | Path) -> PabulibFile:
    """Read a ``.pb`` file (UTF-8, with or without BOM)."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return parse_string(fh.read())


def read_election(path: str | Path) -> Election:
    return read(path).election


# -- writer -------------------------------------------------------------------------------
def _project_columns(pf: PabulibFile) -> list[str]:
    if pf.project_columns:
        return list(pf.project_columns)
    e = pf.election
    cols = ["project_id", "cost"]
    if any(p.name for p in e.projects):
        cols.append("name")
    if any(p.categories for p in e.projects):
        cols.append("category")
    if any(p.targets for p in e.projects):
        cols.append("target")
    if any(p.neighborhood for p in e.projects):
        cols.append("neighborhood")
    for p in e.projects:
        for k in p.extra:
            if k not in cols:
                cols.append(k)
    return cols


def _project_cell(p: Project, col: str) -> str:
    if col == "project_id":
        return p.id
    if col == "cost":
        return money_str(p.cost)
    if col == "name":
        return p.name
    if col in _CATEGORY_KEYS:
        return ",".join(p.categories)
    if col in _TARGET_KEYS:
        return ",".join(p.targets)
    if col in _NEIGHBORHOOD_KEYS:
        return p.neighborhood or ""
    return p.extra.get(col, "")


def _meta_for(election: Election) -> dict[str, str]:
    meta = dict(election.meta)
    defaults = {
        "description": "",
        "country": "",
        "unit": "",
        "instance": "",
    }
    for k, v in defaults.items():
        meta.setdefault(k, v)
    meta["num_projects"] = str(election.num_projects)
    meta["num_votes"] = str(election.num_voters)
    if not _same_money(meta.get("budget"), [election.budget], single=True):
        meta["budget"] = money_str(election.budget)
    meta["vote_type"] = election.vote_type
    meta.setdefault("rule", "unknown")
    for kind, names_key, limits_key in (
        ("category", "categories", "budget_per_category"),
        ("neighborhood", "neighborhoods", "budget_per_neighborhood"),
    ):
        subs = [s for s in election.sub_budgets if s.kind == kind]
        if not subs:
            meta.pop(limits_key, None)
            continue
        names = [x.strip() for x in meta.get(names_key, "").split(",")]
        if names != [s.group for s in subs] or not _same_money(
            meta.get(limits_key), [s.limit for s in subs]
        ):
            meta[names_key] = ",".join(s.group for s in subs)
            meta[limits_key] = ",".join(money_str(s.limit) for s in subs)
    return meta


def _same_money(text: str | None, values: list[Money], *, single: bool = False) -> bool:
    """Does a META amount (list) string say exactly these amounts?"""
    if text is None:
        return False
    try:
        if single:
            return [to_money(text)] == values
        return [to_money(x) for x in text.split(",")] == values
    except (ValueError, ZeroDivisionError):
        return False


def _rows(pf: PabulibFile) -> Iterable[list[str]]:
    e = pf.election
    yield ["META"]
    yield ["key", "value"]
    for k, v in _meta_for(e).items():
        yield [k, v]
    yield ["PROJECTS"]
    pcols = _project_columns(pf)
    yield pcols
    for p in e.projects:
        yield [_project_cell(p, c) for c in pcols]
    yield ["VOTES"]
    vcols = list(pf.vote_columns) or ["voter_id", "vote"]
    if e.vote_type == "cumulative" and "points" not in vcols:
        vcols.insert(vcols.index("vote") + 1, "points")
    if pf.vote_extra and len(pf.vote_extra) == e.num_voters:
        for k in pf.vote_extra[0]:
            if k not in vcols:
                vcols.append(k)
    yield vcols
    b = e.ballots
    ids = [p.id for p in e.projects]
    voter_ids = b.voter_ids or [str(i + 1) for i in range(b.num_voters)]
    has_extra = bool(pf.vote_extra) and len(pf.vote_extra) == e.num_voters
    indptr = b.indptr.tolist()
    indices = b.indices.tolist()
    points = b.points.tolist() if b.points is not None else None
    for i in range(b.num_voters):
        lo, hi = indptr[i], indptr[i + 1]
        row: list[str] = []
        extra = pf.vote_extra[i] if has_extra else {}
        for c in vcols:
            if c == "voter_id":
                row.append(voter_ids[i])
            elif c == "vote":
                row.append(",".join(ids[x] for x in indices[lo:hi]))
            elif c == "points":
                row.append(",".join(str(x) for x in points[lo:hi]) if points else "")
            else:
                row.append(extra.get(c, ""))
        yield row


def write_string(data: PabulibFile | Election) -> str:
    """Serialise to pabulib text (``\\n`` line ends; quotes only where needed)."""
    pf = data if isinstance(data, PabulibFile) else PabulibFile(data)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", quotechar='"', lineterminator="\n")
    writer.writerows(_rows(pf))
    return out.getvalue()


def write(data: PabulibFile | Election, path: str | Path) -> None:
    Path(path).write_text(write_string(data), encoding="utf-8")
