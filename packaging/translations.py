"""The translation catalogues: ``uv run python packaging/translations.py update|check|compile``.

Every text the app shows is marked in the code: ``msg``/``msg_n``/``msg_p`` in the core (salesplanner/),
Qt's ``tr``/``QCoreApplication.translate`` in ui/. One catalogue per language,
``resources/translations/LANG.po``, holds every marked text with its translation, whichever side says it
(docs/architecture.md, "Text and languages").

- ``update`` adds the texts the code gained to every catalogue (untranslated) and drops the ones it lost.
- ``check`` fails on a text a catalogue lacks, leaves untranslated or marks fuzzy (unfinished), a
  catalogue entry the code no longer has (obsolete), and a translation whose ``{placeholders}`` or
  ``%1``s differ from the English.
- ``compile`` checks, then writes ``LANG.mo`` beside each catalogue (the bundle ships those; the app
  compiles a missing or older one in memory, so a checkout works without this step).
"""

from __future__ import annotations

import argparse
import io
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("salesplanner", "ui")
CATALOGUES = ROOT / "resources" / "translations"
KEYWORDS = {
    # The core's messages (salesplanner/i18n/messages.py).
    "msg": None, "msg_n": (1, 2), "msg_p": ((1, "c"), 2), "mark": None,
    # Qt's: self.tr(text, disambiguation) and QCoreApplication.translate(context, text, disambiguation).
    # The Qt context (a class name) is not part of the key, so one English text has one translation
    # wherever the UI says it; a disambiguation tells two meanings apart, as msg_p's context does.
    # By number of arguments, as a disambiguation is optional.
    # tr(text, "", n) is Qt's plural form (%n): keyed by its text alone.
    "tr": {1: (1,), 2: (1, (2, "c")), 3: (1,)}, "translate": {2: (2,), 3: (2, (3, "c"))},
}
PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)(?::[^{}]*)?\}|(%\d)")


@dataclass(frozen=True)
class Key:
    text: str
    plural: str | None
    context: str | None

    def __str__(self) -> str:
        return (f"[{self.context}] " if self.context else "") + repr(self.text)


def extract() -> dict[Key, set[str]]:
    """Every marked text of the code, with the files it is in."""
    found: dict[Key, set[str]] = {}
    for source in SOURCES:
        for filename, _line, message, _comments, context in extract_from_dir(
                ROOT / source, method_map=[("**.py", "python")], keywords=KEYWORDS):
            if isinstance(message, tuple):
                if not message[0]:
                    continue
                key = Key(message[0], message[1] or None, context)
            elif message:
                key = Key(message, None, context)
            else:
                continue
            found.setdefault(key, set()).add(f"{source}/{filename}")
    return found


def template() -> Catalog:
    catalog = Catalog(project="Sales Planner", fuzzy=False)
    for key, files in sorted(extract().items(), key=lambda item: (item[0].context or "", item[0].text)):
        text = (key.text, key.plural) if key.plural else key.text
        catalog.add(text, locations=[(name, None) for name in sorted(files)], context=key.context)
    return catalog


def catalogues() -> list[Path]:
    return sorted(CATALOGUES.glob("*.po"))


def _read(path: Path) -> Catalog:
    with path.open("rb") as file:
        return read_po(file, locale=path.stem)


def _write(path: Path, catalog: Catalog) -> None:
    out = io.BytesIO()
    write_po(out, catalog, width=120, sort_output=True, include_lineno=False, ignore_obsolete=True)
    path.write_bytes(out.getvalue())


def update() -> None:
    new = template()
    for path in catalogues():
        catalog = _read(path)
        catalog.update(new, no_fuzzy_matching=True, update_creation_date=False)
        _write(path, catalog)
        print(f"{_shown(path)}: {len(catalog)} texts")


def _shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def _placeholders(text: str) -> list[str]:
    """The placeholders' names (a translation may add a ``{name:lower}``, but not drop or invent one)."""
    return sorted(set(name or number for name, number in PLACEHOLDER.findall(text)))


def problems(path: Path, expected: Iterable[Key] | None = None) -> list[str]:
    """What keeps ``path`` from shipping: each sentence names the text."""
    keys = set(expected if expected is not None else extract())
    catalog = _read(path)
    found: list[str] = []
    present: set[Key] = set()
    for message in catalog:
        if not message.id:
            continue
        plural = message.id[1] if isinstance(message.id, tuple) else None
        text = message.id[0] if isinstance(message.id, tuple) else message.id
        key = Key(text, plural, message.context)
        present.add(key)
        if key not in keys:
            found.append(f"obsolete (the code no longer says it): {key}")
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            found.append(f"unfinished: {key}")
            continue
        english = [text, plural or text]
        for index, translated in enumerate(strings):
            if _placeholders(translated) != _placeholders(english[min(index, 1)]):
                found.append(f"placeholders differ from the English: {key} → {translated!r}")
    for old in catalog.obsolete.values():
        text = old.id if isinstance(old.id, str) else old.id[0]
        found.append(f"obsolete (the code no longer says it): {Key(text, None, old.context)}")
    found += [f"missing: {key}" for key in sorted(keys - present, key=str)]
    return found


def check() -> int:
    expected = set(extract())
    failed = 0
    for path in catalogues():
        found = problems(path, expected)
        for problem in found:
            print(f"{_shown(path)}: {problem}", file=sys.stderr)
        failed += len(found)
    return 1 if failed else 0


def compile_all() -> int:
    if check():
        print("translations: not compiled; run `update`, translate what is missing, and try again",
              file=sys.stderr)
        return 1
    for path in catalogues():
        out = io.BytesIO()
        write_mo(out, _read(path))
        path.with_suffix(".mo").write_bytes(out.getvalue())
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("command", choices=("update", "check", "compile"))
    args = parser.parse_args(argv)
    if args.command == "update":
        update()
        return 0
    return check() if args.command == "check" else compile_all()


if __name__ == "__main__":
    sys.exit(main())
