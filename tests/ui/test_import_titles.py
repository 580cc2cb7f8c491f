"""The import dialog on a real HR export (tests/hr_roster.py: 57 people, Windows-1252, semicolons,
European numbers, HR job titles, no team column): the Titles step, the plan's name, the values read beside
the raw text, and what is remembered for the next import — column and title choices, and the folder of
every file dialog."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QFileDialog, QWidget

from salesplanner.roster.files import read_roster
from tests.hr_roster import write_hr_export
from ui.dialogs.import_dialog import RosterImportDialog, ask_roster_path
from ui.folders import Folder, remember_folder, start_folder

AS_OF = date(2027, 1, 1)
IGNORE = "Ignore this column"


def open_dialog(qtbot, path: Path) -> RosterImportDialog:
    dialog = RosterImportDialog(read_roster(path), "EUR", (), as_of=AS_OF)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=5000)
    return dialog


def pick(qtbot, dialog: RosterImportDialog, combo, text: str) -> None:
    """Choose an item as a click in the popup does, and wait for the rebuilt result."""
    index = combo.findText(text)
    assert index >= 0, text
    with qtbot.waitSignal(dialog.result_changed, timeout=5000):
        combo.setCurrentIndex(index)
        combo.activated.emit(index)


@pytest.fixture
def hr_export(tmp_path: Path) -> Path:
    return write_hr_export(tmp_path / "roster_nordvik_v2.csv")


def test_the_titles_step_lists_each_title_with_its_count_and_role(qtbot, hr_export: Path) -> None:
    dialog = open_dialog(qtbot, hr_export)
    assert dialog.steps.tabText(1) == "Titles (12)"
    titles = dialog.titles
    shown = {key: (combo.currentText(), titles.hints[key].text()) for key, combo in titles.combos.items()}
    assert shown == {
        "account executive": ("AE", ""), "bdr": ("Outbound SDR", ""), "enterprise ae": ("AE", ""),
        "head of sales": ("Manager", ""), "inbound sdr": ("Inbound SDR", ""), "key account manager": ("AM", ""),
        "partner manager": ("AM", ""), "sales development representative": ("Outbound SDR", ""),
        "senior account executive": ("AE", ""), "vp sales": ("Manager", ""),
        "sales operations analyst": ("Bench", "no role in the title: bench"),
        "solutions engineer": ("Bench", "no role in the title: bench")}
    assert [t.count for t in titles.titles] == [6] * 9 + [1] * 3  # most common first
    assert dialog.summary.text() == "57 people, 0 openings and 6 teams will be imported"
    assert "Formed 6 teams from Segment and Region" in dialog.details.text()
    assert "3 on the bench" in dialog.details.text()

    dialog.steps.setCurrentIndex(1)
    pick(qtbot, dialog, titles.combos["partner manager"], "Bench")
    pick(qtbot, dialog, titles.combos["sales operations analyst"], "Manager")
    assert titles.hints["partner manager"].text() == "your choice"
    # 6 partner managers go to the bench; the analyst has no segment or region, so stays there too.
    assert "9 on the bench" in dialog.details.text()
    assert ("Warning: row 57, column Segment: no Segment or Region; imported on the bench instead of as Manager"
            in dialog.messages_model.texts())
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    result = dialog.result()
    assert result is not None
    scenario = result.plan.scenarios[result.plan.baseline]
    partners = [p for p in result.plan.people.values() if p.title == "Partner Manager"]
    assert len(partners) == 6 and not any(p.id in scenario.assignments for p in partners)


def test_title_and_column_choices_are_remembered_for_the_next_import(qtbot, hr_export: Path) -> None:
    first = open_dialog(qtbot, hr_export)
    pick(qtbot, first, first.titles.combos["partner manager"], "Bench")
    pick(qtbot, first, first.mapping_combos[0], IGNORE)  # Employee ID: not the plan's ids
    first.accept()
    assert first.result() is not None

    second = open_dialog(qtbot, hr_export)
    assert second.mapping_combos[0].currentText() == IGNORE
    assert second.titles.combos["partner manager"].currentText() == "Bench"
    assert second.titles.hints["partner manager"].text() == "your choice"
    assert second.titles.combos["key account manager"].currentText() == "AM"
    # Going back to the default forgets the choice.
    pick(qtbot, second, second.titles.combos["partner manager"], "AM")
    pick(qtbot, second, second.mapping_combos[0], "ID")
    second.accept()

    third = open_dialog(qtbot, hr_export)
    assert third.mapping_combos[0].currentText() == "ID"
    assert third.titles.combos["partner manager"].currentText() == "AM"
    assert third.titles.hints["partner manager"].text() == ""
    third.reject()


def test_cancel_remembers_nothing(qtbot, hr_export: Path) -> None:
    first = open_dialog(qtbot, hr_export)
    pick(qtbot, first, first.titles.combos["bdr"], "Inbound SDR")
    first.reject()
    second = open_dialog(qtbot, hr_export)
    assert second.titles.combos["bdr"].currentText() == "Outbound SDR"


def test_the_plan_is_named_after_the_company_and_can_be_renamed(qtbot, hr_export: Path) -> None:
    dialog = open_dialog(qtbot, hr_export)
    assert dialog.plan_name.text() == "Nordvik sales plan"  # from the e-mail addresses, not the file name
    dialog.plan_name.clear()
    qtbot.keyClicks(dialog.plan_name, "Nordvik 2027")
    dialog.accept()
    result = dialog.result()
    assert result is not None and result.plan.name == "Nordvik 2027"


def test_the_preview_shows_the_value_read_beside_the_text(qtbot, hr_export: Path) -> None:
    dialog = open_dialog(qtbot, hr_export)
    model = dialog.preview_model
    headers = dialog.table.headers
    salary, fte, hired = (headers.index(h) for h in ("Annual salary (EUR)", "FTE", "Hire date"))
    locale = QLocale()
    assert model.index(0, salary).data() == f"165.000 → {locale.toString(165000.0, 'f', 0)}"
    assert model.index(8, fte).data() == f"0,8 → {locale.toString(0.8, 'f', 1)}"
    assert model.index(0, fte).data() == "1"  # nothing to add when the text says it
    assert model.index(0, hired).data() == f"01.01.2019 → {locale.toString(date(2019, 1, 1), 'd MMM yyyy')}"
    assert model.index(0, 1).data() == "Søren Ågård"


def test_the_dialog_fits_a_small_screen(qtbot, hr_export: Path) -> None:
    dialog = open_dialog(qtbot, hr_export)
    screen = dialog.screen().availableGeometry()
    assert dialog.width() <= max(1100, screen.width()) and dialog.height() <= max(760, screen.height())


def test_file_dialogs_start_in_the_plans_folder_else_the_last_one_used(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    rosters, plans = tmp_path / "hr", tmp_path / "plans"
    rosters.mkdir()
    plans.mkdir()
    started: list[str] = []

    def fake(parent: QWidget | None, caption: str, folder: str, filters: str) -> tuple[str, str]:
        started.append(folder)
        return str(rosters / "roster.csv"), filters

    monkeypatch.setattr(QFileDialog, "getOpenFileName", fake)
    assert ask_roster_path(None) == rosters / "roster.csv"
    assert ask_roster_path(None) == rosters / "roster.csv"
    assert ask_roster_path(None, plans / "nordvik.salesplan") == rosters / "roster.csv"
    assert started == [str(Path.home()), str(rosters), str(plans)]
    assert start_folder(Folder.PLANS) == Path.home()  # each kind of file has its own
    remember_folder(Folder.PLANS, plans / "nordvik.salesplan")
    assert start_folder(Folder.PLANS) == plans


def test_open_save_and_export_remember_their_folders(window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import ui.dialogs.excel_export

    folder = tmp_path / "work"
    folder.mkdir()
    asked: list[str] = []

    def fake_save(parent: QWidget | None, caption: str, suggested: str, filters: str) -> tuple[str, str]:
        asked.append(suggested)
        return str(folder / Path(suggested).name), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake_save)
    assert window.files.save_as()  # an unsaved plan: Save As starts at home the first time
    assert asked[-1] == str(Path.home() / "Test plan.salesplan")
    path = ui.dialogs.excel_export.ask_workbook_path(window, window.document.scenario.id)
    assert asked[-1] == str(folder / "Test plan — Today.xlsx")  # the plan's folder
    assert path == folder / "Test plan — Today.xlsx"
    opened: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda parent, caption, start, filters: (opened.append(start), ("", ""))[1])
    window.files.ask_open_path()
    assert opened == [str(folder)]
