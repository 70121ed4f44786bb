"""The pb_tally command line (engine side: stemmen.telling.cli.main)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stemmen.telling.cli import main

from .test_pabulib import SAMPLE

APPROVAL = (
    "META\nkey;value\nbudget;100\nvote_type;approval\nrule;greedy\n"
    "PROJECTS\nproject_id;cost\nA;60\nB;50\nC;30\nD;10\n"
    "VOTES\nvoter_id;vote\n1;A,B,C,D\n2;A,B,C\n3;A,B\n4;A\n"
)
ORDINAL = (
    "META\nkey;value\nbudget;20\nvote_type;ordinal\nrule;greedy\n"
    "PROJECTS\nproject_id;cost\nX;10\nY;10\nZ;10\n"
    "VOTES\nvoter_id;vote\n1;X,Y,Z\n2;Y,Z,X\n3;Y,X\n4;Z\n"
)
CHOOSE1 = (
    "META\nkey;value\nbudget;10\nvote_type;choose-1\nrule;greedy\n"
    "PROJECTS\nproject_id;cost\nA;6\nB;5\nC;4\n"
    "VOTES\nvoter_id;vote\n1;A\n2;A\n3;B\n4;C\n5;C\n6;C\n"
)


def run(tmp_path: Path, text: str, capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    path = tmp_path / "e.pb"
    path.write_text(text, encoding="utf-8")
    assert main([str(path), *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize(
    ("rule", "selected"),
    [
        ("greedy", ["A", "C", "D"]),
        ("greedy-no-skip", ["A"]),
        # 25 per voter: A (t=15) first, then only D is affordable (v1 has 10 left)
        ("mes", ["A", "D"]),
        # add1: at 32 per voter B becomes affordable and overspends; at 31: A, C
        ("mes-add1", ["A", "C"]),
        ("borda", ["A", "C", "D"]),
    ],
)
def test_rules_on_approval(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], rule: str, selected: list[str]
) -> None:
    assert run(tmp_path, APPROVAL, capsys, "--rule", rule) == {"selected": selected}


def test_ordinal_and_choose1_and_cumulative(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(tmp_path, ORDINAL, capsys, "--rule", "borda") == {"selected": ["Y", "X"]}
    # MES (cost utility, as pabutools' Cost_Sat) reads a ranking as the set of ranked
    # ideas: X, Y, Z each have 3 supporters, tie on rho, X wins by id; then nothing fits
    assert run(tmp_path, ORDINAL, capsys, "--rule", "mes") == {"selected": ["X"]}
    assert run(tmp_path, CHOOSE1, capsys, "--rule", "greedy") == {"selected": ["C", "A"]}
    # cumulative file with budget_per_category (groen 600, spelen 400.50)
    out = run(tmp_path, SAMPLE, capsys, "--rule", "greedy")
    assert out == {"selected": ["1", "2"]}
    out = run(tmp_path, SAMPLE, capsys, "--rule", "greedy", "--no-sub-budgets")
    assert out == {"selected": ["1", "10", "2"]}  # points 8, 4, 3


def test_auto_rule_and_explain(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = run(tmp_path, APPROVAL, capsys, "--explain")
    assert out["rule"] == "greedy"
    assert out["selected"] == ["A", "C", "D"]
    codes = {e["project_id"]: e["code"] for e in out["explanations"]}
    assert codes == {
        "A": "greedy.selected",
        "B": "greedy.does_not_fit",
        "C": "greedy.selected",
        "D": "greedy.selected",
    }
    assert out["total_cost"] == 100


def test_threshold_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = run(tmp_path, APPROVAL, capsys, "--rule", "greedy-threshold", "--threshold", "3")
    assert out == {"selected": ["A"]}


def test_text_output_and_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "e.pb"
    path.write_text(APPROVAL, encoding="utf-8")
    assert main([str(path), "--rule", "mes"]) == 0
    text = capsys.readouterr().out
    assert "selected (2): A, D" in text
    assert "- B: mes.not_affordable" in text
    assert main([str(tmp_path / "missing.pb")]) == 2
    assert "pb_tally:" in capsys.readouterr().err
    path.write_text("META\nkey;value\nbudget;1\n", encoding="utf-8")
    assert main([str(path)]) == 2


def test_real_file(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(data_dir / "Netherlands_Assen_2024.pb"), "--rule", "mes-add1", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert sorted(out["selected"]) == ["11", "12", "13", "14", "2", "3", "5", "6", "9"]


def test_management_command_is_a_thin_wrapper() -> None:
    source = (
        Path(__file__).resolve().parents[3] / "stemmen/management/commands/pb_tally.py"
    ).read_text()
    assert "BaseCommand" in source
    assert "from stemmen.telling.cli import add_arguments, execute" in source


def test_engine_does_not_import_django() -> None:
    import subprocess
    import sys

    package = Path(__file__).resolve().parents[3] / "stemmen" / "telling"
    for py in package.rglob("*.py"):
        text = py.read_text()
        assert "import django" not in text and "from django" not in text, py.name
    code = (
        "import sys, stemmen.telling, stemmen.telling.cli, stemmen.telling.pabulib, "
        "stemmen.telling.synthetic; print(any(m == 'django' or m.startswith('django.') "
        "for m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=package.parents[1],
    )
    assert out.stdout.strip() == "False"
