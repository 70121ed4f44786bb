"""pabulib .pb reader and writer: parsing details, errors, round trips."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stemmen.telling import Ballots, Election, Project, SubBudget
from stemmen.telling.pabulib import PabulibError, parse_string, read, write, write_string

SAMPLE = (
    "\ufeffMETA\r\n"
    "key;value\r\n"
    'description;Test "wijk"\r\n'
    "num_projects;3\r\n"
    "num_votes;3\r\n"
    "budget;1000,50\r\n"
    "vote_type;cumulative\r\n"
    "rule;greedy\r\n"
    "categories;groen,spelen\r\n"
    "budget_per_category;600,400.50\r\n"
    "max_sum_points;5\r\n"
    "PROJECTS\r\n"
    "project_id;cost;name;category;target;votes;selected\r\n"
    '1;500.25;"Bankjes; en ""groen""";groen;ouderen,kinderen;2;1\r\n'
    "2;300;Speeltuin;spelen;kinderen;2;1\r\n"
    "10;200;Kunst;groen,spelen;None;1;0\r\n"
    "VOTES\r\n"
    "voter_id;vote;points;age\r\n"
    "a;1,2;3,2;34\r\n"
    "b;2,10;1,4;\r\n"
    "c;1;5;71\r\n"
)


def test_parse_sample() -> None:
    pf = parse_string(SAMPLE)
    e = pf.election
    assert e.budget == Fraction(2001, 2)
    assert e.vote_type == "cumulative"
    assert [p.id for p in e.projects] == ["1", "2", "10"]
    p1 = e.projects[0]
    assert p1.cost == Fraction("500.25")
    assert p1.name == 'Bankjes; en "groen"'
    assert p1.categories == ("groen",)
    assert p1.targets == ("ouderen", "kinderen")
    assert p1.extra == {"votes": "2", "selected": "1"}
    assert e.projects[2].categories == ("groen", "spelen")
    assert e.projects[2].targets == ()
    assert e.sub_budgets == [
        SubBudget("category", "groen", 600),
        SubBudget("category", "spelen", Fraction("400.5")),
    ]
    assert e.ballots.ballot(1) == [1, 2]
    assert e.ballots.ballot_points(1) == [1, 4]
    assert e.ballots.voter_ids == ["a", "b", "c"]
    assert pf.vote_extra[1] == {"age": ""}
    assert pf.selected_ids() == ["1", "2"]
    assert e.money_scale == 4  # costs in quarters: 500.25 and 1000.50
    assert e.meta["description"] == 'Test "wijk"'


def test_round_trip_sample_text_and_values() -> None:
    pf = parse_string(SAMPLE)
    text = write_string(pf)
    again = parse_string(text)
    assert_same(pf.election, again.election)
    assert again.vote_extra == pf.vote_extra
    assert write_string(again) == text  # the writer is a fixed point
    assert '"Bankjes; en ""groen"""' in text
    assert "budget;1000,50\n" in text  # META amounts are kept as written


def test_file_round_trip(tmp_path: Path) -> None:
    pf = parse_string(SAMPLE)
    path = tmp_path / "x.pb"
    write(pf, path)
    assert_same(pf.election, read(path).election)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("META\nkey;value\nbudget;10\n", "vote_type"),
        (
            "META\nkey;value\nbudget;10\nvote_type;scoring\nPROJECTS\nproject_id;cost\n",
            "not supported",
        ),
        (
            "META\nkey;value\nbudget;10\nvote_type;approval\nPROJECTS\nproject_id;cost\n1;5\n"
            "VOTES\nvoter_id;vote\nv;1,7\n",
            "unknown project",
        ),
        (
            "META\nkey;value\nbudget;10\nvote_type;cumulative\nPROJECTS\nproject_id;cost\n1;5\n"
            "VOTES\nvoter_id;vote;points\nv;1;1,2\n",
            "points do not align",
        ),
        (
            "META\nkey;value\nbudget;10\nvote_type;approval\ncategories;a,b\nbudget_per_category;5\n"
            "PROJECTS\nproject_id;cost\n1;5\nVOTES\nvoter_id;vote\nv;1\n",
            "budget_per_category",
        ),
        ("META\nkey;value\nbudget;1.5.5\nvote_type;approval\n", ""),
    ],
)
def test_errors(text: str, message: str) -> None:
    with pytest.raises((PabulibError, ValueError), match=message):
        parse_string(text)


def test_duplicate_approvals_are_kept_once() -> None:
    text = (
        "META\nkey;value\nbudget;10\nvote_type;approval\nPROJECTS\nproject_id;cost\n1;5\n2;5\n"
        "VOTES\nvoter_id;vote\nv;1,2,1\nw;\n"
    )
    e = parse_string(text).election
    assert e.ballots.ballot(0) == [0, 1]
    assert e.ballots.ballot(1) == []


def assert_same(a: Election, b: Election) -> None:
    assert a.budget == b.budget
    assert a.vote_type == b.vote_type
    assert a.projects == b.projects
    assert a.ballots == b.ballots
    assert (a.ballots.voter_ids or []) == (b.ballots.voter_ids or [])
    assert a.sub_budgets == b.sub_budgets
    for k, v in a.meta.items():
        if k not in ("num_projects", "num_votes"):
            assert b.meta[k] == v, k


def test_round_trip_every_data_file(data_dir: Path) -> None:
    files = sorted(data_dir.glob("*.pb"))
    assert len(files) >= 50
    byte_for_byte = 0
    for path in files:
        pf = read(path)
        text = write_string(pf)
        again = parse_string(text)
        assert_same(pf.election, again.election)
        assert again.vote_extra == pf.vote_extra, path.name
        assert write_string(again) == text, path.name
        # files without duplicate approvals or redundant quoting come back identical
        original = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
        byte_for_byte += text == (original if original.endswith("\n") else original + "\n")
    assert byte_for_byte >= 40


# fields are stripped when read (as pabutools does), so no surrounding whitespace
names = st.text(alphabet="abcXYZ019 ;,\"'é-", min_size=1, max_size=12).filter(
    lambda x: x == x.strip()
)


@st.composite
def elections(draw: st.DrawFn) -> Election:
    m = draw(st.integers(1, 6))
    ids = draw(
        st.lists(
            st.text(alphabet="abc0123456789/-_", min_size=1, max_size=6),
            min_size=m,
            max_size=m,
            unique=True,
        )
    )
    vote_type = draw(st.sampled_from(["approval", "cumulative", "ordinal", "choose-1"]))
    costs = draw(
        st.lists(
            st.one_of(
                st.integers(0, 10**7),
                st.fractions(min_value=0, max_value=1000, max_denominator=100).filter(
                    lambda f: 100 % f.denominator == 0
                ),
            ),
            min_size=m,
            max_size=m,
        )
    )
    cats = draw(
        st.lists(
            st.lists(st.sampled_from(["groen", "spelen", "verkeer"]), unique=True, max_size=2),
            min_size=m,
            max_size=m,
        )
    )
    projects = [
        Project(id=ids[i], cost=costs[i], name=draw(names), categories=tuple(cats[i]))
        for i in range(m)
    ]
    n = draw(st.integers(0, 8))
    rows = [draw(st.lists(st.integers(0, m - 1), unique=True, max_size=m)) for _ in range(n)]
    if vote_type == "choose-1":
        rows = [r[:1] for r in rows]
    points = (
        [[draw(st.integers(0, 9)) for _ in r] for r in rows] if vote_type == "cumulative" else None
    )
    subs = []
    if draw(st.booleans()):
        subs = [
            SubBudget("category", "groen", draw(st.integers(0, 500))),
            SubBudget("category", "spelen", 7),
        ]
    return Election(
        projects=projects,
        ballots=Ballots.from_lists(rows, points, [f"v{i}" for i in range(n)]),
        budget=draw(st.integers(0, 10**8)),
        vote_type=vote_type,
        sub_budgets=subs,
        meta={"description": draw(names), "rule": "greedy"},
    )


@settings(max_examples=80, deadline=None)
@given(elections())
def test_round_trip_property(e: Election) -> None:
    again = parse_string(write_string(e)).election
    assert_same(e, again)
    assert np.array_equal(again.ballots.lengths, e.ballots.lengths)
