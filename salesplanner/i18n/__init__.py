"""What the app says, in the user's language: messages, their catalogues, and numbers, money and dates
in the user's locale (docs/architecture.md, "Text and languages").

The core states facts as ``Message`` values (``msg``, ``msg_n``, ``msg_p``); the UI, the command line and
the exports render them with ``str()`` in the language in force. A sentence exists once in English, where
the fact is stated, and once in each language's catalogue (``resources/translations/LANG.po``).
"""

from salesplanner.i18n.formats import (
    NO_VALUE,
    amount,
    date_text,
    format_value,
    integer,
    money,
    money_in,
    number,
    percent,
    render,
    signed,
    signed_money,
    tr,
    trimmed,
)
from salesplanner.i18n.languages import (
    SOURCE_LANGUAGE,
    TRANSLATIONS,
    Language,
    available_languages,
    current,
    language_name,
    make_language,
    set_language,
    speaking,
    system_locale,
)
from salesplanner.i18n.messages import (
    Message,
    Money,
    Text,
    joined,
    mark,
    msg,
    msg_n,
    msg_p,
)

__all__ = [
    "NO_VALUE",
    "SOURCE_LANGUAGE",
    "TRANSLATIONS",
    "Language",
    "Message",
    "Money",
    "Text",
    "amount",
    "available_languages",
    "current",
    "date_text",
    "format_value",
    "integer",
    "joined",
    "language_name",
    "make_language",
    "mark",
    "money",
    "money_in",
    "msg",
    "msg_n",
    "msg_p",
    "number",
    "percent",
    "render",
    "set_language",
    "signed",
    "signed_money",
    "speaking",
    "system_locale",
    "tr",
    "trimmed",
]
