"""Verification bundles, reports, CSV readers, the CLI and the management commands."""

import copy
import io
import json

import pytest

from loting.engine import (
    InputError,
    Person,
    Quota,
    RegisterEntry,
    SelectionProblem,
    cli,
    gini,
    invitation_bundle,
    invitation_draw,
    people_from_rows,
    probabilities_by_feature_value,
    quotas_from_rows,
    select_panel,
    selection_bundle,
    selection_report,
    uniform_bundle,
    uniform_draw,
    verify_bundle,
)

from .test_selection import DATA, needs_data


def _problem(household_rule=False):
    people = [
        Person(
            f"p{i:02d}",
            {"buurt": "noord" if i % 3 else "zuid", "age": "jong" if i % 2 else "oud"},
            f"h{i // 2}",
        )
        for i in range(30)
    ]
    quotas = [
        Quota("buurt", "noord", 3, 6),
        Quota("buurt", "zuid", 2, 5),
        Quota("age", "jong", 3, 5),
        Quota("age", "oud", 3, 5),
    ]
    return SelectionProblem.build(people, quotas, 8, household_rule)


@pytest.mark.parametrize("household_rule", [False, True])
def test_selection_bundle_roundtrip_and_tamper(household_rule):
    problem = _problem(household_rule)
    result = select_panel(problem, "bundle-seed")
    bundle = json.loads(json.dumps(selection_bundle(problem, result, None)))
    assert bundle["seed_commitment"] == result.seed_commitment
    ok = verify_bundle(bundle)
    assert ok.matches and ok.commitment_ok, ok.messages

    forged = copy.deepcopy(bundle)
    forged["outcome"]["panel"] = sorted(
        {
            *forged["outcome"]["panel"][:-1],
            "p29" if "p29" not in forged["outcome"]["panel"] else "p28",
        }
    )
    assert not verify_bundle(forged).matches

    wrong_seed = copy.deepcopy(bundle)
    wrong_seed["seed"] = "other"
    res = verify_bundle(wrong_seed)
    assert not res.commitment_ok and not res.matches

    # A binding change (buurt=zuid min 2 -> 5 = its max) changes the probabilities, so
    # the re-run cannot match whatever panel was drawn.
    changed_input = copy.deepcopy(bundle)
    assert changed_input["inputs"]["quotas"][1]["value"] == "zuid"
    changed_input["inputs"]["quotas"][1]["min"] = 5
    assert not verify_bundle(changed_input).matches


def test_seed_parts_in_bundle():
    from loting.engine import combine_seed_parts

    problem = _problem()
    parts = ["staff", "dice 1 2 3"]
    result = select_panel(problem, combine_seed_parts(parts))
    bundle = selection_bundle(problem, result, parts)
    assert verify_bundle(bundle).matches
    bundle["seed_parts"] = ["staff", "dice 1 2 4"]
    assert not verify_bundle(bundle).matches


def test_invitation_and_uniform_bundles():
    register = [RegisterEntry(f"p{i}", f"h{i // 2}", f"s{i % 5}") for i in range(300)]
    draw = invitation_draw(register, 40, "inv")
    bundle = json.loads(json.dumps(invitation_bundle(register, draw, None)))
    assert verify_bundle(bundle).matches
    bundle["outcome"]["strata"][0]["reserves"].reverse()
    assert not verify_bundle(bundle).matches

    council = [f"r{i}" for i in range(45)]
    res = uniform_draw(council, 6, "cwr", declines=[])
    first = res.selected[0]
    res = uniform_draw(council, 6, "cwr", declines=[first])
    bundle = json.loads(json.dumps(uniform_bundle(council, res)))
    assert verify_bundle(bundle).matches
    bundle["outcome"]["selected"][0] = "r99"
    assert not verify_bundle(bundle).matches


def test_bad_bundle_format():
    with pytest.raises(InputError):
        verify_bundle({"format": "something-else"})


def test_report_quota_table_and_gini():
    problem = _problem()
    result = select_panel(problem, "report")
    report = selection_report(list(problem.people), list(problem.quotas), result)
    assert report.min_probability == pytest.approx(min(result.probabilities.values()))
    assert report.mean_probability == pytest.approx(8 / 30)
    assert all(row.met for row in report.quota_table)
    assert sum(r.selected for r in report.quota_table if r.feature == "age") == 8
    assert sum(r.expected for r in report.quota_table if r.feature == "buurt") == pytest.approx(8)
    by_value = probabilities_by_feature_value(
        list(problem.people), list(problem.quotas), result.probabilities
    )
    assert set(by_value) == {"age", "buurt"}
    assert gini([0.1] * 10) == pytest.approx(0.0)
    assert gini([0.0, 1.0]) == pytest.approx(0.5)
    assert gini([0, 0, 0, 1]) == pytest.approx(0.75)


def test_csv_readers_both_formats():
    q1 = quotas_from_rows(
        ["feature", "value", "min", "max", "min_flex", "max_flex"],
        [{"feature": "g", "value": "f", "min": "1", "max": "2", "min_flex": "0", "max_flex": "3"}],
    )
    assert q1 == [Quota("g", "f", 1, 2, 0, 3)]
    q2 = quotas_from_rows(
        ["category", "feature", "min", "max"],
        [{"category": "g", "feature": "f", "min": "1", "max": "2"}],
    )
    assert q2 == [Quota("g", "f", 1, 2)]
    with pytest.raises(InputError):
        quotas_from_rows(["a", "b"], [])
    with pytest.raises(InputError) as exc:
        quotas_from_rows(
            ["feature", "value", "min", "max"],
            [{"feature": "g", "value": "f", "min": "x", "max": "2"}],
        )
    assert exc.value.code == "bad_quota_number"
    people = people_from_rows(
        ["g", "name", "street", "zip"],
        [
            {"g": "f", "name": "Anna", "street": "Hoofdweg 1", "zip": "9700"},
            {"g": "f", "name": "Bert", "street": "HOOFDWEG 1", "zip": "9700"},
            {"g": "f", "name": "Cor", "street": "Hoofdweg 2", "zip": "9700"},
        ],
        q2,
        household_columns=["street", "zip"],
    )
    assert [p.id for p in people] == ["1", "2", "3"]  # row numbers
    assert [p.household for p in people] == ["h1", "h1", "h2"]  # pseudonymous, no address
    assert all(set(p.features) == {"g"} for p in people)  # names are not kept


@needs_data
def test_cli_select_json_and_verify(tmp_path):
    bundle_path = tmp_path / "bundle.json"
    out = io.StringIO()
    code = cli.main(
        [
            "select",
            "--quotas",
            str(DATA / "example_small_20" / "categories.csv"),
            "--people",
            str(DATA / "example_small_20" / "respondents.csv"),
            "--panel-size",
            "20",
            "--seed",
            "cli-seed",
            "--json",
            "--bundle-out",
            str(bundle_path),
        ],
        out,
    )
    assert code == 0
    payload = json.loads(out.getvalue())
    assert {
        "probabilities",
        "min_probability",
        "panel",
        "seed_commitment",
        "seed",
        "algorithm",
        "engine_version",
    } <= set(payload)
    assert payload["min_probability"] == pytest.approx(0.1, abs=1e-6)
    assert len(payload["panel"]) == 20
    assert payload["algorithm"] == "leximin"
    out = io.StringIO()
    assert cli.main(["verify", str(bundle_path)], out) == 0
    assert "MATCH" in out.getvalue()
    bundle = json.loads(bundle_path.read_text())
    bundle["outcome"]["panel"][0] = "999"
    bundle_path.write_text(json.dumps(bundle))
    out = io.StringIO()
    assert cli.main(["verify", str(bundle_path)], out) == 1
    assert "MISMATCH" in out.getvalue()


def test_cli_errors_and_commit_only(tmp_path):
    q = tmp_path / "q.csv"
    q.write_text("feature,value,min,max\ng,a,5,6\ng,b,0,6\n")
    p = tmp_path / "p.csv"
    p.write_text("id,g\n" + "".join(f"{i},{'a' if i < 2 else 'b'}\n" for i in range(10)))
    out = io.StringIO()
    code = cli.main(
        [
            "select",
            "--quotas",
            str(q),
            "--people",
            str(p),
            "--panel-size",
            "6",
            "--id-column",
            "id",
            "--json",
        ],
        out,
    )
    assert code == 2
    err = json.loads(out.getvalue())["error"]
    assert err["code"] == "infeasible_quotas"
    assert err["params"]["conflicting"] == [["g", "a"]]
    out = io.StringIO()
    assert (
        cli.main(
            [
                "select",
                "--quotas",
                str(q),
                "--people",
                str(p),
                "--panel-size",
                "6",
                "--seed",
                "abc",
                "--commit-only",
            ],
            out,
        )
        == 0
    )
    assert json.loads(out.getvalue())["seed_commitment"].startswith("ba7816bf")


def test_management_commands_are_thin_wrappers(tmp_path):
    django = pytest.importorskip("django")
    from django.conf import settings

    if not settings.configured:
        settings.configure(INSTALLED_APPS=["loting"], USE_TZ=True)
    django.setup()
    from django.core.management import call_command

    q = tmp_path / "q.csv"
    q.write_text("feature,value,min,max\ng,a,1,2\ng,b,1,2\n")
    p = tmp_path / "p.csv"
    p.write_text("id,g\n" + "".join(f"{i},{'ab'[i % 2]}\n" for i in range(8)))
    bundle = tmp_path / "b.json"
    out = io.StringIO()
    call_command(
        "sortition_select",
        "--quotas",
        str(q),
        "--people",
        str(p),
        "--panel-size",
        "3",
        "--id-column",
        "id",
        "--seed",
        "s",
        "--json",
        "--bundle-out",
        str(bundle),
        stdout=out,
    )
    assert len(json.loads(out.getvalue())["panel"]) == 3
    out = io.StringIO()
    call_command("sortition_verify", str(bundle), stdout=out)
    assert "MATCH" in out.getvalue()
    data = json.loads(bundle.read_text())
    data["seed"] = "t"
    bundle.write_text(json.dumps(data))
    with pytest.raises(SystemExit) as exc:
        call_command("sortition_verify", str(bundle), stdout=io.StringIO())
    assert exc.value.code == 1
