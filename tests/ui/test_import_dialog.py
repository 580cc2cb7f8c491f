"""File → Import roster's dialog, driven through its widgets: the guessed mapping in the combos and the
preview header, the live result with counts worked out by hand, remapping, Import and Cancel."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QComboBox, QFileDialog, QWidget

import ui.dialogs.import_dialog
from salesplanner.model import MarketProfile, MemberId, Placement, Team, TeamId
from salesplanner.roles import Role
from salesplanner.roster.build import FIELD_LABELS, Field, RosterImport
from salesplanner.roster.files import read_roster
from ui.dialogs.import_dialog import RosterImportDialog, ask_roster_path
from ui.dialogs.import_models import field_label

AS_OF = date(2027, 1, 1)
ENTERPRISE = TeamId("t-ent")
ROSTER = (
    "Full name;Title;Region;FTE;Start date;Salary;Notes\n"   # row 1: the header
    "Søren Ågård;Account Executive;Nordics;1;2026-03-01;90000;likes fika\n"   # row 2
    "Ana Berg;SDR;DACH;0,5;2026-05-01;60000;\n"                                # row 3
    "Bo Dahl;AE;Nordics;0;2026-06-01;85000;FTE left at zero\n"                 # row 4: FTE 0, not imported
    "Cai Lund;Wizard;Nordics;1;2026-01-15;70000;\n"                            # row 5: unknown title, bench
)
"""No Team column: teams are formed from Region, Nordics (Søren) and DACH (Ana). 3 people (Søren, Ana,
Cai), no openings, 2 teams; row 4 is left out; row 5 imports with a warning, on the bench."""
FTE_PROBLEM = "row 4, column FTE: must be greater than 0"
WIZARD_WARNING = 'Warning: row 5, column Title: "Wizard" is not a known role; imported on the bench'
NO_TEAM = ("Warning: row 1: no column holds the team or its market (segment, product line or geography), "
           "so everyone is imported on the bench")
IGNORE = "Ignore this column"


def write_roster(path: Path, text: str) -> Path:
    path.write_bytes(text.encode("cp1252"))  # what Excel on Windows saves as "CSV (semicolon)"
    return path


def settle(qtbot, dialog: RosterImportDialog) -> None:
    """Until the result section shows the current mapping (builds are debounced and run in a thread)."""
    qtbot.waitUntil(lambda: not dialog.busy, timeout=5000)


def open_dialog(qtbot, path: Path, teams: tuple[Team, ...] = ()) -> RosterImportDialog:
    dialog = RosterImportDialog(read_roster(path), "EUR", teams, as_of=AS_OF)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    settle(qtbot, dialog)
    return dialog


def choose(qtbot, dialog: RosterImportDialog, combo: QComboBox, text: str) -> None:
    """Pick an item as a click in the popup does (setCurrentIndex, then activated), and wait for the result."""
    index = combo.findText(text)
    assert index >= 0, text
    with qtbot.waitSignal(dialog.result_changed, timeout=5000):
        combo.setCurrentIndex(index)
        combo.activated.emit(index)


def combo_texts(dialog: RosterImportDialog) -> list[str]:
    return [combo.currentText() for combo in dialog.mapping_combos]


def header(dialog: RosterImportDialog, column: int) -> str:
    model = dialog.preview_model
    return model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)


@pytest.fixture
def roster(tmp_path: Path) -> Path:
    return write_roster(tmp_path / "roster.csv", ROSTER)


def test_the_guessed_mapping_shows_in_the_combos_and_the_preview_header(qtbot, roster: Path) -> None:
    dialog = open_dialog(qtbot, roster)
    assert dialog.title.text() == "roster.csv · 4 data rows"
    assert combo_texts(dialog) == ["Name", "Job title", "Geography", "FTE", "Start date", "Annual cost", IGNORE]
    assert header(dialog, 0) == "Full name\n→ Name"
    assert header(dialog, 2) == "Region\n→ Geography"
    assert header(dialog, 6) == "Notes\n→ ignored"
    assert dialog.preview_model.mapping_text(2) == "Region → Geography"
    assert dialog.preview_model.mapping_text(6) == "Notes → ignored"
    model = dialog.preview_model
    assert model.rowCount() == 4
    assert model.index(0, 0).data() == "Søren Ågård"  # read from cp1252
    assert [model.headerData(r, Qt.Orientation.Vertical) for r in range(4)] == ["2", "3", "4", "5"]


def test_the_result_counts_people_and_lists_problems_and_warnings(qtbot, roster: Path) -> None:
    dialog = open_dialog(qtbot, roster)
    assert dialog.summary.text() == ("3 people, 0 openings and 2 teams will be imported; "
                                     "1 row has problems and will not be imported")
    assert dialog.messages_model.texts() == [FTE_PROBLEM, WIZARD_WARNING]
    assert dialog.messages.uniformItemSizes()
    assert dialog.details.text().startswith("Formed 2 teams from Region\n1 on the bench")
    assert "Ignored columns: Notes" in dialog.details.text()
    assert dialog.import_button.isEnabled()
    # The row left out is marked in the preview, with its reason.
    bo = dialog.preview_model.index(2, 0)
    assert bo.data(Qt.ItemDataRole.ToolTipRole) == FTE_PROBLEM
    assert bo.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert dialog.preview_model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is None


def test_remapping_a_column_updates_the_header_counts_and_warnings(qtbot, roster: Path) -> None:
    dialog = open_dialog(qtbot, roster)
    title = dialog.mapping_combos[1]
    title.setFocus()
    with qtbot.waitSignal(dialog.result_changed, timeout=5000):
        qtbot.keyClick(title, Qt.Key.Key_Home)  # the keyboard's way to the first choice: "Ignore this column"
    assert title.currentText() == IGNORE
    assert header(dialog, 1) == "Title\n→ ignored"
    # No role column: no unknown title, but each person formed into a team lacks a role.
    assert dialog.messages_model.texts() == [FTE_PROBLEM, *(f"Warning: row {row}, column Job title: no role; "
                                                           f"imported on the bench instead of in {team}"
                                                           for row, team in ((2, "Nordics"), (3, "DACH"),
                                                                             (5, "Nordics")))]
    assert "Ignored columns: Title, Notes" in dialog.details.text()

    choose(qtbot, dialog, dialog.mapping_combos[2], IGNORE)  # no Region: no teams either
    choose(qtbot, dialog, dialog.mapping_combos[3], IGNORE)  # FTE no longer read: Bo Dahl imports at 1 FTE
    assert dialog.summary.text() == "4 people, 0 openings and 0 teams will be imported"
    assert dialog.messages_model.texts() == [NO_TEAM]
    assert "4 on the bench" in dialog.details.text()
    assert dialog.preview_model.index(2, 0).data(Qt.ItemDataRole.BackgroundRole) is None


def test_choosing_a_field_another_column_holds_moves_it(qtbot, roster: Path) -> None:
    dialog = open_dialog(qtbot, roster)
    choose(qtbot, dialog, dialog.mapping_combos[6], "Name")
    assert combo_texts(dialog)[0] == IGNORE and combo_texts(dialog)[6] == "Name"
    assert header(dialog, 0) == "Full name\n→ ignored"
    assert header(dialog, 6) == "Notes\n→ Name"
    # Notes as names: rows 3 and 5 have none, row 4 still has FTE 0; only row 2 imports, into Nordics.
    assert dialog.summary.text() == ("1 person, 0 openings and 1 team will be imported; "
                                     "3 rows have problems and will not be imported")
    assert dialog.messages_model.texts() == ["row 3, column Notes: must not be empty", FTE_PROBLEM,
                                             "row 5, column Notes: must not be empty"]


def test_import_returns_the_plan_of_the_final_mapping(qtbot, roster: Path) -> None:
    dialog = open_dialog(qtbot, roster)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    result = dialog.result()
    assert isinstance(result, RosterImport)
    assert not dialog.isVisible()
    plan = result.plan
    assert sorted(person.name for person in plan.people.values()) == ["Ana Berg", "Cai Lund", "Søren Ågård"]
    assert plan.currency == "EUR" and plan.as_of == AS_OF and plan.name == "Sales plan"
    scenario = plan.scenarios[plan.baseline]
    assert [team.name for team in scenario.teams.values()] == ["Nordics", "DACH"]
    roles = {plan.people[member].name: placement.role for member, placement in scenario.assignments.items()}
    assert roles == {"Søren Ågård": Role.AE, "Ana Berg": Role.SDR_OUTBOUND}
    ana = next(person for person in plan.people.values() if person.name == "Ana Berg")
    assert ana.fte == 0.5 and ana.annual_cost == 60_000 and ana.start_date == date(2026, 5, 1)


def test_import_right_after_a_change_uses_the_new_mapping(qtbot, roster: Path) -> None:
    """Clicking Import within the debounce interval must not import the previous mapping's result."""
    dialog = open_dialog(qtbot, roster)
    fte = dialog.mapping_combos[3]
    fte.setCurrentIndex(0)
    fte.activated.emit(0)
    assert dialog.busy
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    result = dialog.result()
    assert result is not None and result.people == 4 and result.problems == ()


def test_cancel_returns_none(qtbot, roster: Path) -> None:
    dialog = open_dialog(qtbot, roster)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert dialog.result() is None


def test_teams_are_matched_to_the_open_plan_only_when_asked(qtbot, tmp_path: Path) -> None:
    market = MarketProfile(inbound_leads_per_month=120, avg_deal_size=80_000)
    enterprise = Team(ENTERPRISE, "Nordic Enterprise", segment="Enterprise", geography="Nordics", market=market)
    unused = Team(TeamId("t-unused"), "Nordic Sales", market=market)
    path = write_roster(tmp_path / "teams.csv", "Full name;Title;Team;Region;FTE\n"
                                                "Søren Ågård;AE;nordic enterprise;Nordics;1\n"
                                                "Ana Berg;BDR;DACH Mid-Market;DACH;1\n"
                                                "Bo Dahl;Wizard;DACH Mid-Market;DACH;1\n")
    dialog = RosterImportDialog(read_roster(path), "EUR", (enterprise, unused), as_of=AS_OF, open_plan="Demo 2027")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    settle(qtbot, dialog)
    # By default the roster is a plan of its own: its two teams, new, with the default market.
    assert dialog.match_teams.isVisible() and not dialog.match_teams.isChecked()
    assert dialog.match_teams.text() == "Match team names to the open plan “Demo 2027” (such teams keep its markets)"
    assert dialog.summary.text() == "3 people, 0 openings and 2 teams will be imported"
    assert dialog.messages_model.texts() == [
        'Warning: row 4, column Title: "Wizard" is not a known role; imported on the bench']
    with qtbot.waitSignal(dialog.result_changed, timeout=5000):
        qtbot.mouseClick(dialog.match_teams, Qt.MouseButton.LeftButton)
    assert dialog.summary.text() == "3 people, 0 openings and 2 teams (1 from the open plan) will be imported"
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    result = dialog.result()
    assert result is not None
    scenario = result.plan.scenarios[result.plan.baseline]
    assert scenario.teams[ENTERPRISE] == enterprise  # matched, market kept; the unused team not brought in
    assert len(scenario.teams) == 2
    dach = next(team for team in scenario.teams.values() if team.id != ENTERPRISE)
    assert (dach.name, dach.geography) == ("DACH Mid-Market", "DACH")
    ids = {person.name: person.id for person in result.plan.people.values()}
    assert scenario.assignments == {MemberId(ids["Søren Ågård"]): Placement(ENTERPRISE, Role.AE),
                                    MemberId(ids["Ana Berg"]): Placement(dach.id, Role.SDR_OUTBOUND)}


def test_mapping_the_name_away_disables_import_with_the_cores_sentence(qtbot, roster: Path) -> None:
    dialog = open_dialog(qtbot, roster)
    choose(qtbot, dialog, dialog.mapping_combos[0], IGNORE)
    sentence = "roster.csv: no column holds the name (expected one such as 'Name', 'Full Name')"
    assert dialog.summary.text() == sentence
    assert not dialog.import_button.isEnabled()
    assert dialog.reason.text() == "To import, choose the column that holds the names."
    assert dialog.messages_model.texts() == []
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()  # a disabled button does nothing
    dialog.accept()  # nor does accepting by other means (Enter)
    assert dialog.isVisible() and dialog.result() is None

    choose(qtbot, dialog, dialog.mapping_combos[0], "Name")
    assert dialog.import_button.isEnabled() and dialog.reason.text() == ""


def test_a_file_without_a_name_column_opens_with_import_disabled(qtbot, tmp_path: Path) -> None:
    path = write_roster(tmp_path / "crm.csv", "Who;Title\nSøren Ågård;AE\n")
    dialog = open_dialog(qtbot, path)
    assert combo_texts(dialog) == [IGNORE, "Job title"]
    assert dialog.summary.text().startswith("crm.csv: no column holds the name")
    assert not dialog.import_button.isEnabled()
    choose(qtbot, dialog, dialog.mapping_combos[0], "Name")
    assert dialog.summary.text() == "1 person, 0 openings and 0 teams will be imported"
    assert dialog.import_button.isEnabled()


def test_a_roster_where_every_row_fails_cannot_be_imported(qtbot, tmp_path: Path) -> None:
    path = write_roster(tmp_path / "bad.csv", "Name;FTE\nAna Berg;0\nBo Dahl;-1\n")
    dialog = open_dialog(qtbot, path)
    assert dialog.summary.text() == ("0 people, 0 openings and 0 teams will be imported; "
                                     "2 rows have problems and will not be imported")
    assert not dialog.import_button.isEnabled()
    assert dialog.reason.text().startswith("Nothing to import")


def test_a_workbook_shows_its_sheet_and_its_values_in_the_locale(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "hr.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Roster")
    for column, value in enumerate(["Name", "FTE", "Start date"]):
        sheet.write_string(0, column, value)
    sheet.write_string(1, 0, "Søren Ågård")
    sheet.write_number(1, 1, 0.5)
    sheet.write_datetime(1, 2, date(2026, 3, 1), book.add_format({"num_format": "yyyy-mm-dd"}))
    book.close()
    dialog = open_dialog(qtbot, path)
    assert dialog.title.text() == "hr.xlsx, sheet “Roster” · 1 data row"
    model = dialog.preview_model
    assert model.index(0, 1).data() == QLocale().toString(0.5, "g", 12)
    assert model.index(0, 2).data() == QLocale().toString(date(2026, 3, 1), QLocale.FormatType.ShortFormat)
    assert dialog.summary.text() == "1 person, 0 openings and 0 teams will be imported"


def test_a_long_roster_previews_twenty_rows_and_lists_every_problem(qtbot, tmp_path: Path) -> None:
    lines = ["Name;FTE"] + [f"Person {n};{0 if n % 10 == 0 else 1}" for n in range(3000)]
    path = write_roster(tmp_path / "long.csv", "\n".join(lines) + "\n")
    dialog = open_dialog(qtbot, path)
    assert dialog.preview_model.rowCount() == 20
    people, rows = QLocale().toString(2700), QLocale().toString(300)  # "2,700" or "2.700" by locale
    assert dialog.summary.text() == (f"{people} people, 0 openings and 0 teams will be imported; "
                                     f"{rows} rows have problems and will not be imported")
    assert dialog.messages_model.rowCount() == 300 + 1  # and, once, that there is no team column
    assert dialog.messages_model.texts()[1] == "row 12, column FTE: must be greater than 0"  # Person 10


def test_every_field_has_a_label_equal_to_the_cores(qapp) -> None:
    """The dialog's labels are literals for lupdate; in English they must say what the core says."""
    core = {field: str(label) for field, label in FIELD_LABELS.items()}
    assert {field: field_label(field) for field in Field} == core


def test_ask_roster_path_offers_csv_and_xlsx(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    asked: list[str] = []

    def fake(parent: QWidget | None, caption: str, folder: str, filters: str) -> tuple[str, str]:
        asked.append(filters)
        return str(tmp_path / "roster.xlsx"), filters

    monkeypatch.setattr(QFileDialog, "getOpenFileName", fake)
    assert ask_roster_path(None) == tmp_path / "roster.xlsx"
    assert asked == ["Rosters (*.csv *.xlsx)"]
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args: ("", ""))
    assert ui.dialogs.import_dialog.ask_roster_path(None) is None


def test_a_slow_build_says_so_and_only_the_newest_mapping_is_shown(qtbot, roster: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Builds run in a worker: while one is held back the dialog says it is working, the combos still
    respond, and the outcome of a mapping that was changed meanwhile is never shown."""
    release = threading.Event()
    real_build = ui.dialogs.import_dialog.build_plan_from_roster

    def held_build(*args: Any, **kwargs: Any) -> RosterImport:
        release.wait(5)
        return real_build(*args, **kwargs)

    monkeypatch.setattr(ui.dialogs.import_dialog, "build_plan_from_roster", held_build)
    monkeypatch.setattr(ui.dialogs.import_dialog, "SLOW_BUILD_S", 0.0)
    dialog = RosterImportDialog(read_roster(roster), "EUR", (), as_of=AS_OF)
    qtbot.addWidget(dialog)
    shown: list[str] = []
    dialog.result_changed.connect(lambda: shown.append(dialog.summary.text()))
    qtbot.waitUntil(lambda: dialog.summary.text() == "Working out the import of 4 rows…")
    fte = dialog.mapping_combos[3]
    fte.setCurrentIndex(0)
    fte.activated.emit(0)  # FTE ignored while the first build is still running
    assert dialog.preview_model.mapping_text(3) == "FTE → ignored"
    release.set()
    settle(qtbot, dialog)
    assert shown == ["4 people, 0 openings and 2 teams will be imported"]  # never the first mapping's 3
