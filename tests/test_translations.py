"""The catalogues: every text the code marks has a finished Danish translation with the same
placeholders, no catalogue keeps a text the code lost, and the build refuses one that does."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "packaging"))

import translations as catalogue_tool  # noqa: E402  (packaging/translations.py, a script)

from salesplanner import i18n  # noqa: E402
from salesplanner.i18n.languages import Catalogue, compile_catalogue  # noqa: E402


@pytest.fixture(scope="module")
def marked() -> set[catalogue_tool.Key]:
    return set(catalogue_tool.extract())


def test_the_code_marks_the_texts_of_both_sides(marked: set[catalogue_tool.Key]) -> None:
    texts = {key.text for key in marked}
    # The core's (a stage reason, a warning, a workbook header) and the UI's (a menu, a dialog).
    assert {"Nobody is in a team yet.", "{team}: {sentence}", "Effective FTE", "&File",
            "Recover unsaved changes"} <= texts
    assert len(marked) > 800


def test_every_text_has_finished_danish_with_the_same_placeholders(marked: set[catalogue_tool.Key]) -> None:
    assert catalogue_tool.catalogues() == [catalogue_tool.CATALOGUES / "da.po"]
    assert catalogue_tool.problems(catalogue_tool.CATALOGUES / "da.po", marked) == []


def _catalogue_without(source: Path, target: Path, drop: str) -> None:
    """A copy of ``source`` whose translation of the message ``drop`` is empty."""
    lines = source.read_text(encoding="utf-8").splitlines()
    index = lines.index(f'msgid "{drop}"')
    assert lines[index + 1].startswith("msgstr ")
    lines[index + 1] = 'msgstr ""'
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_the_build_refuses_unfinished_and_obsolete_entries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          marked: set[catalogue_tool.Key]) -> None:
    source = catalogue_tool.CATALOGUES / "da.po"
    _catalogue_without(source, tmp_path / "da.po", "Bottleneck: {handoff}")
    with (tmp_path / "da.po").open("a", encoding="utf-8") as file:
        file.write('\nmsgid "A sentence the code no longer says"\nmsgstr "En sætning, koden ikke længere siger"\n')
    found = catalogue_tool.problems(tmp_path / "da.po", marked)
    assert sorted(found) == ["obsolete (the code no longer says it): 'A sentence the code no longer says'",
                             "unfinished: 'Bottleneck: {handoff}'"]
    monkeypatch.setattr(catalogue_tool, "CATALOGUES", tmp_path)
    assert catalogue_tool.compile_all() == 1
    assert not (tmp_path / "da.mo").exists()


def test_a_translation_that_drops_a_placeholder_is_refused(tmp_path: Path, marked: set[catalogue_tool.Key]) -> None:
    text = (catalogue_tool.CATALOGUES / "da.po").read_text(encoding="utf-8")
    broken = text.replace('msgstr "Flaskehals: {handoff}"', 'msgstr "Flaskehals"')
    assert broken != text
    (tmp_path / "da.po").write_text(broken, encoding="utf-8")
    assert catalogue_tool.problems(tmp_path / "da.po", marked) == [
        "placeholders differ from the English: 'Bottleneck: {handoff}' → 'Flaskehals'"]


def test_compile_writes_the_catalogue_the_app_reads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copyfile(catalogue_tool.CATALOGUES / "da.po", tmp_path / "da.po")
    monkeypatch.setattr(catalogue_tool, "CATALOGUES", tmp_path)
    assert catalogue_tool.compile_all() == 0
    compiled = (tmp_path / "da.mo").read_bytes()
    assert compiled == compile_catalogue(tmp_path / "da.po")  # the app compiles a missing .mo the same way
    with (tmp_path / "da.mo").open("rb") as file:
        danish = Catalogue(file)
    assert danish.lookup("Bottleneck: {handoff}") == "Flaskehals: {handoff}"
    assert danish.lookup("Ramp", "column header") == "Indk."
    assert danish.lookup("a text nobody marked") is None


def test_a_language_is_one_catalogue_file() -> None:
    assert i18n.available_languages() == ("en", "da")
    assert [i18n.language_name(code) for code in i18n.available_languages()] == ["English", "Dansk"]


def test_no_marked_text_hides_inside_an_f_string() -> None:
    """The extractor cannot see a ``tr("…")`` or ``msg("…")`` written inside an f-string's braces: such a
    text would stay English in every language."""
    import ast

    hidden = []
    for source in catalogue_tool.SOURCES:
        for path in sorted((ROOT / source).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.JoinedStr):
                    continue
                for call in (inner for value in node.values for inner in ast.walk(value)
                             if isinstance(inner, ast.Call)):
                    name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
                    if name in catalogue_tool.KEYWORDS:
                        hidden.append(f"{path.relative_to(ROOT)}:{call.lineno}")
    assert hidden == []
