"""Qt's texts in the app's language: ``tr()`` answered from the same catalogue the core's messages use,
Qt's own dialogs (buttons, file dialogs, context menus) from Qt's translations, and QLocale set to the
locale the core formats numbers and dates in — one language, one locale, for every word on screen."""

from __future__ import annotations

from pathlib import Path

import PySide6
from PySide6.QtCore import QCoreApplication, QLocale, QObject, QSettings, QTranslator

from salesplanner import i18n

QT_TRANSLATIONS = Path(PySide6.__file__).resolve().parent / "Qt" / "translations"
"""Qt's own catalogues (qtbase_da.qm: the standard buttons, file dialogs, context menus); the bundle keeps
those of the languages the app speaks."""
LANGUAGE_KEY = "language"
"""QSettings key of the language chosen in Settings → Language ("" or absent: the system's)."""


class CatalogueTranslator(QTranslator):
    """Answers ``tr()`` from the language's catalogue. The Qt context (a class name) is not part of the key:
    one English text has one translation wherever the UI says it; a disambiguation tells two meanings apart
    (packaging/translations.py extracts them the same way)."""

    def __init__(self, language: i18n.Language, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._language = language

    def translate(self, context: str, source_text: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        """The translation, or None (a null QString) so Qt asks its next translator: an empty string counts
        as a translation, and Qt's own texts ("Ctrl" of a shortcut) would vanish."""
        catalogue = self._language.catalogue
        if catalogue is None or not source_text:
            return None
        return catalogue.lookup(source_text, disambiguation or None)

    def isEmpty(self) -> bool:  # noqa: N802 (Qt's name)
        return self._language.catalogue is None


def chosen_language() -> str | None:
    """The language chosen in Settings → Language, or None to follow the system."""
    value = QSettings().value(LANGUAGE_KEY, "")
    return str(value) if value and str(value) in i18n.available_languages() else None


def remember_language(code: str | None) -> None:
    settings = QSettings()
    if code is None:
        settings.remove(LANGUAGE_KEY)
    else:
        settings.setValue(LANGUAGE_KEY, code)


def install_language(app: QCoreApplication, code: str | None = None, *, locale: str | None = None) -> i18n.Language:
    """Speak ``code`` (else the one chosen in Settings, else the system's) in the core and in Qt, with
    ``locale``'s conventions (else the system's: Qt's, which knows it on every platform)."""
    system = locale or QLocale.system().name()
    language = i18n.set_language(code or chosen_language(), locale=None if system in ("C", "") else system)
    QLocale.setDefault(QLocale(language.locale))
    for old in app.findChildren(QTranslator):
        app.removeTranslator(old)
        old.deleteLater()
    if language.catalogue is not None:
        qt = QTranslator(app)
        if qt.load(QLocale(language.locale), "qtbase", "_", str(QT_TRANSLATIONS)):
            app.installTranslator(qt)
        app.installTranslator(CatalogueTranslator(language, app))
    return language
