"""Which language is in force, its catalogue, and the locale whose conventions it writes.

The language is the system's (its locale's language, when a catalogue exists for it), or the one the
user chose (Settings → Language, ``--lang``). Catalogues are ``resources/translations/LANG.po``, compiled
to ``LANG.mo`` by ``packaging/translations.py compile``.
"""

from __future__ import annotations

import gettext
import io
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from salesplanner.i18n.messages import Message
from salesplanner.locations import RESOURCES

SOURCE_LANGUAGE = "en"
"""The language the code is written in: it needs no catalogue."""
TRANSLATIONS = RESOURCES / "translations"
"""One catalogue per language besides English (da.po), and its compiled form (da.mo, built by
``packaging/translations.py compile``)."""
DEFAULT_LOCALES: Mapping[str, str] = {"en": "en_GB", "da": "da_DK"}
"""The conventions a language uses when the system's locale is of another language (or the bare C one)."""


class Catalogue(gettext.GNUTranslations):
    """One language's compiled catalogue, which can also say when it has no translation (Qt asks)."""

    def lookup(self, text: str, context: str | None = None) -> str | None:
        found = self._catalog.get(f"{context}\x04{text}" if context else text)  # type: ignore[attr-defined]
        return found if isinstance(found, str) and found else None


@dataclass(frozen=True, slots=True)
class Language:
    """A language in force: its code ("da"), the locale whose conventions it writes ("da_DK") and its
    catalogue (None for English, the language of the code)."""

    code: str
    locale: str
    catalogue: Catalogue | None

    def text(self, message: Message) -> str:
        """The message's text in this language, placeholders not yet filled."""
        if message.plural is not None:
            found = dict(message.params)["n"]
            assert isinstance(found, int), message
            count: int = found
        if self.catalogue is None:
            if message.plural is not None:
                return message.text if count == 1 else message.plural
            return message.text
        if message.plural is not None:
            if message.context is not None:
                return self.catalogue.npgettext(message.context, message.text, message.plural, count)
            return self.catalogue.ngettext(message.text, message.plural, count)
        if message.context is not None:
            return self.catalogue.pgettext(message.context, message.text)
        return self.catalogue.gettext(message.text)


@cache
def available_languages() -> tuple[str, ...]:
    """English and every language with a catalogue: adding a language is adding its .po file."""
    found = sorted({path.stem for pattern in ("*.po", "*.mo") for path in TRANSLATIONS.glob(pattern)})
    return (SOURCE_LANGUAGE, *(code for code in found if code != SOURCE_LANGUAGE))


def language_name(code: str) -> str:
    """The language's name in itself ("Dansk", "English"), as a language menu lists it."""
    from babel import Locale

    name = Locale.parse(code).get_display_name(code) or code
    return name[:1].upper() + name[1:]


def system_locale() -> str | None:
    """The user's locale as the environment names it ("da_DK"), or None for the bare C locale."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            name = value.split(".")[0].split("@")[0]
            return None if name in ("C", "POSIX") else name
    import locale

    found = locale.getlocale()[0]
    return found if found and found not in ("C", "POSIX") else None


def language_of(locale: str | None) -> str:
    """The language to speak for a locale: its own when there is a catalogue for it, else English."""
    code = (locale or "").replace("-", "_").split("_")[0].lower()
    return code if code in available_languages() else SOURCE_LANGUAGE


def locale_for(code: str, system: str | None) -> str:
    """The locale whose conventions ``code`` writes: the system's when it is of that language (en_US, da_DK),
    else that language with the system's country when such a locale exists (English in Denmark: en_DK),
    else the language's default."""
    if system:
        system = system.replace("-", "_")
        language, _, country = system.partition("_")
        if language.lower() == code:
            return system
        if country and _known_locale(f"{code}_{country}"):
            return f"{code}_{country}"
    return DEFAULT_LOCALES.get(code, code)


def _known_locale(name: str) -> bool:
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(name)
    except (UnknownLocaleError, ValueError):
        return False
    return True


@cache
def load_catalogue(code: str) -> Catalogue | None:
    """The compiled catalogue of ``code``; compiled from its .po in memory when the .mo is missing or
    older (a fresh checkout), so the source file always wins."""
    if code == SOURCE_LANGUAGE:
        return None
    source, compiled = TRANSLATIONS / f"{code}.po", TRANSLATIONS / f"{code}.mo"
    if compiled.is_file() and (not source.is_file() or compiled.stat().st_mtime >= source.stat().st_mtime):
        with compiled.open("rb") as file:
            return Catalogue(file)
    if not source.is_file():
        return None
    return Catalogue(io.BytesIO(compile_catalogue(source)))


def compile_catalogue(source: Path) -> bytes:
    """A .po file compiled to .mo bytes (fuzzy entries left out, as gettext's msgfmt does)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with source.open("rb") as file:
        catalog = read_po(file)
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


_IN_FORCE: list[Language] = [Language(SOURCE_LANGUAGE, DEFAULT_LOCALES[SOURCE_LANGUAGE], None)]
_OVERRIDE: ContextVar[Language | None] = ContextVar("salesplanner_language", default=None)


def current() -> Language:
    """The language messages are rendered in now."""
    return _OVERRIDE.get() or _IN_FORCE[0]


def make_language(code: str | None = None, *, locale: str | None = None) -> Language:
    """A language by code ("da"), or the system's when None; its conventions from ``locale`` (the
    system's locale by default, see ``locale_for``)."""
    system = locale if locale is not None else system_locale()
    chosen = code if code is not None else language_of(system)
    if chosen not in available_languages():
        raise ValueError(f"no catalogue for language {chosen!r}")
    return Language(chosen, locale_for(chosen, system), load_catalogue(chosen))


def set_language(code: str | None = None, *, locale: str | None = None) -> Language:
    """Speak ``code`` from now on (the system's language when None); returns the language in force."""
    _IN_FORCE[0] = make_language(code, locale=locale)
    return _IN_FORCE[0]


@contextmanager
def speaking(code: str, *, locale: str | None = None) -> Iterator[Language]:
    """Render in ``code`` inside the block (in this thread only): JSON for scripts stays English whatever
    the user reads. ``locale`` defaults to the language's own default, so scripts see stable formats."""
    language = make_language(code, locale=locale if locale is not None else DEFAULT_LOCALES.get(code, code))
    token = _OVERRIDE.set(language)
    try:
        yield language
    finally:
        _OVERRIDE.reset(token)

