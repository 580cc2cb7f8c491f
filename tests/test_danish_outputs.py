"""The command line and the exports in Danish: `--lang da` or a Danish system speaks Danish with Danish
numbers and dates, JSON stays English for scripts, and a Danish workbook recalculates (LibreOffice) to
the very numbers of an English one — its formulas, tables and defined names are the same."""

from __future__ import annotations

import json
import zipfile
from io import StringIO
from pathlib import Path

import openpyxl
import pytest
from pptx import Presentation

from salesplanner import i18n
from salesplanner.cli import main
from salesplanner.planfile.write import save_plan
from salesplanner.resources import DEMO_PLAN_PATH, load_demo_plan
from salesplanner.slides import export_slides
from salesplanner.workbook.export import export_workbook
from tests.spreadsheet_engine import ensure_calc, recalculate
from tests.test_workbook import zero_cached_values


def run(*argv: str) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(autouse=True)
def english_afterwards() -> None:
    yield  # type: ignore[misc]
    i18n.set_language("en", locale="en_GB")


def test_summary_speaks_danish_with_lang_da() -> None:
    code, out, err = run("--lang", "da", "summary", str(DEMO_PLAN_PATH))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    # The demo plan: as of 1 January 2027, 40 people in two teams, 101.0 opportunities a month.
    assert lines[0] == "Nordlys Software 2027 — scenariet “Today” (udgangspunkt) · pr. 01.01.2027 · horisont 12 måneder"
    assert "Fase: Specialister" in lines
    assert any(line.split() == ["Udbud", "af", "salgsmuligheder", "101,0", "pr.", "måned"] for line in lines)
    assert "Advarsler (10)" in lines
    assert "  • Organisation: kvoterne summerer til € 5,96 mio., under målet på € 6,60 mio." in lines


def test_a_danish_system_speaks_danish(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LC_ALL", "da_DK.UTF-8")
    code, out, _ = run("summary", str(DEMO_PLAN_PATH))
    assert code == 0 and "Fase: Specialister" in out
    code, out, _ = run("--lang", "en", "summary", str(DEMO_PLAN_PATH))
    assert code == 0 and "Stage: Specialists" in out
    # English words on a Danish computer keep its decimal commas (CLDR's English in Denmark writes 01/01/2027).
    assert "as of 01/01/2027" in out.splitlines()[0] and any("101,0" in line for line in out.splitlines())


def test_json_is_the_same_english_in_every_language() -> None:
    english = run("--lang", "en", "summary", str(DEMO_PLAN_PATH), "--json")[1]
    danish = run("--lang", "da", "summary", str(DEMO_PLAN_PATH), "--json")[1]
    assert danish == english
    data = json.loads(danish)
    assert data["stage"] == "Specialists"
    assert data["warnings"][1] == "Organisation: quotas add up to € 5.96 M, below the target of € 6.60 M"


def test_compare_speaks_danish(tmp_path: Path) -> None:
    code, out, _ = run("--lang", "da", "compare", str(DEMO_PLAN_PATH), "--to", "Market teams")
    assert code == 0
    assert out.startswith("Nordlys Software 2027 — “Today” → “Market teams” · pr. 01.01.2027")
    assert "Fase: Specialister → Market Teams (ændret)" in out


def test_errors_are_one_danish_sentence(tmp_path: Path) -> None:
    broken = tmp_path / "broken.salesplan"
    data = json.loads(DEMO_PLAN_PATH.read_text(encoding="utf-8"))
    data["scenarios"][0]["teams"][0]["market"]["win_rate"] = 2
    broken.write_text(json.dumps(data), encoding="utf-8")
    code, out, err = run("--lang", "da", "summary", str(broken))
    team = data["scenarios"][0]["teams"][0]["name"]
    assert (code, out) == (1, "")
    assert err == (f'salesplanner: broken.salesplan: Scenariet "Today", teamet "{team}": hitrate skal være mellem '
                   "0 og 1 (scenarios[0].teams[0].market.win_rate)\n")
    code, _, err = run("--lang", "da", "render", str(DEMO_PLAN_PATH), "-o", str(tmp_path / "out.png"), "--scale", "9")
    assert (code, err) == (1, "salesplanner: --scale skal være over 0 og højst 8\n")


def test_help_is_danish(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        run("--lang", "da", "summary", "--help")
    shown = capsys.readouterr().out
    assert "planfil (.salesplan)" in shown and "udskriv ét JSON-objekt i stedet for tabeller" in shown


def _numbers(path: Path) -> dict[tuple[int, str], object]:
    """Every number and every formula of the workbook, by sheet position and cell."""
    book = openpyxl.load_workbook(path, data_only=True)
    return {(index, cell.coordinate): cell.value for index, sheet in enumerate(book.worksheets)
            for row in sheet.iter_rows() for cell in row if isinstance(cell.value, int | float)}


def test_a_danish_workbook_recalculates_to_the_english_numbers(tmp_path: Path) -> None:
    soffice = ensure_calc()
    plan = load_demo_plan()
    scenario, baseline = plan.scenario_named("Market teams").id, plan.baseline
    with i18n.speaking("en"):
        export_workbook(plan, tmp_path / "en.xlsx", scenario_id=scenario, baseline_id=baseline)
    with i18n.speaking("da"):
        export_workbook(plan, tmp_path / "da.xlsx", scenario_id=scenario, baseline_id=baseline)
    danish = openpyxl.load_workbook(tmp_path / "da.xlsx")
    english = openpyxl.load_workbook(tmp_path / "en.xlsx")
    assert danish.sheetnames == ["Oversigt", "Teams", "Medarbejdere", "Forudsætninger", "Ændringer", "Tidslinje"]
    assert [cell.value for cell in danish["Medarbejdere"][1]][:5] == [
        "Navn", "Stillingsbetegnelse", "Status", "Rolle", "Team"]
    # Tables and defined names are the same in both; the formulas name the columns as their headers say.
    assert {name for sheet in danish.worksheets for name in sheet.tables} == \
        {name for sheet in english.worksheets for name in sheet.tables}
    assert set(danish.defined_names) == set(english.defined_names) == {"AsOf", "HorizonMonths", "Tolerance",
                                                                        "MonthDays"}
    with zipfile.ZipFile(tmp_path / "da.xlsx") as archive:
        sheets = "".join(archive.read(name).decode("utf-8") for name in archive.namelist()
                         if name.startswith("xl/worksheets/sheet"))
    assert "RosterTable[Effektive FTE]" in sheets and '"Overbelastet"' in sheets
    zeroed = [tmp_path / "en-zeroed.xlsx", tmp_path / "da-zeroed.xlsx"]
    for source, target in zip((tmp_path / "en.xlsx", tmp_path / "da.xlsx"), zeroed, strict=True):
        assert zero_cached_values(source, target) > 300  # every cached value is wrong until recalculated
    recalculated = recalculate(soffice, zeroed, tmp_path / "out")
    english_numbers, danish_numbers = (_numbers(path) for path in recalculated)
    assert len(english_numbers) > 1000
    assert danish_numbers == english_numbers
    verdicts = {cell.value for row in openpyxl.load_workbook(recalculated[1], data_only=True)["Teams"].iter_rows()
                for cell in row if isinstance(cell.value, str)}
    assert {"Overbelastet", "I balance"} & verdicts and not {"Overloaded", "Balanced"} & verdicts


def test_a_danish_deck(tmp_path: Path) -> None:
    plan = load_demo_plan()
    with i18n.speaking("da"):
        export_slides(plan, tmp_path / "deck.pptx", scenario_id=plan.scenario_named("Market teams").id,
                      baseline_id=plan.baseline)
    deck = Presentation(str(tmp_path / "deck.pptx"))
    texts = [shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame]
    assert "Fase: Market Teams" in texts and "Market teams — forslag" in texts
    assert "Ændringer fra Today (1/4)" in texts
    assert any(text.startswith("Mål € ") and "mio." in text for text in texts)
    assert not any(text.startswith(("Stage:", "Bottleneck", "Target ")) for text in texts)


def test_an_exported_danish_roster_imports_again(tmp_path: Path) -> None:
    plan = load_demo_plan()
    with i18n.speaking("da"):
        export_workbook(plan, tmp_path / "da.xlsx", scenario_id=plan.baseline)
    save_plan(plan, tmp_path / "plan.salesplan")
    code, out, err = run("--lang", "da", "import", str(tmp_path / "da.xlsx"), "--sheet", "Medarbejdere", "-o",
                         str(tmp_path / "again.salesplan"))
    assert (code, err) == (0, "")
    # The demo plan's 43 people: 40 in its two teams, 3 on the bench.
    assert out.startswith("again.salesplan: 43 personer importeret i 2 teams (3 på bænken)")


def test_a_danish_import_names_the_plan_and_its_market_columns_in_danish(tmp_path: Path) -> None:
    """The issue-10 HR export (no team column): the teams formed from Segment and Region, and the plan's
    suggested name, are Danish sentences — no English "and" or "sales plan" beside the Danish."""
    from tests.hr_roster import write_hr_export

    roster = write_hr_export(tmp_path / "hr.csv")
    code, out, err = run("--lang", "da", "import", str(roster), "-o", str(tmp_path / "hr.salesplan"))
    assert (code, err) == (0, "")
    assert "Segment og Region" in out and " and " not in out
    from salesplanner.planfile.read import load_plan

    assert load_plan(tmp_path / "hr.salesplan").name == "Nordvik salgsplan"
