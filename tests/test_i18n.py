"""Messages rendered in the language in force, and numbers, money and dates in its locale's conventions,
worked out by hand from the Danish and British ways of writing them."""

from __future__ import annotations

from datetime import date

import pytest

from salesplanner import i18n
from salesplanner.capacity import Balance, Handoff, Verdict
from salesplanner.i18n import Money, msg, msg_n

DANISH = i18n.make_language("da", locale="da_DK")
BRITISH = i18n.make_language("en", locale="en_GB")


@pytest.mark.parametrize(("language", "expected"), [
    (DANISH, ["1.234,5", "-0,3", "0,0", "4,70 mio. kr.", "€ 4,70 mio.", "180.000 kr.", "€ 180.000", "450 t.kr.",
              "€ 450 t.", "31.12.2027", "83 %", "USD 2,50 mio.".replace("USD ", "$ ")]),
    (BRITISH, ["1,234.5", "-0.3", "0.0", "DKK 4.70 M", "€ 4.70 M", "DKK 180,000", "€ 180,000", "DKK 450 k",
               "€ 450 k", "31/12/2027", "83 %", "$ 2.50 M"]),
])
def test_numbers_money_and_dates_follow_the_locale(language: i18n.Language, expected: list[str]) -> None:
    assert [
        i18n.number(1234.5, language=language), i18n.number(-0.3, language=language),
        i18n.number(-0.01, language=language),  # not "-0.0"
        i18n.money(4_700_000, "DKK", compact=True, language=language),
        i18n.money(4_700_000, "EUR", compact=True, language=language),
        i18n.money(180_000, "DKK", language=language), i18n.money(180_000, "EUR", language=language),
        i18n.money(450_000, "DKK", compact=True, language=language),
        i18n.money(450_000, "EUR", compact=True, language=language),
        i18n.date_text(date(2027, 12, 31), language=language), i18n.percent(0.834, language=language),
        i18n.money(2_500_000, "USD", compact=True, language=language),
    ] == expected


def test_a_two_digit_year_is_written_in_full() -> None:
    american = i18n.make_language("en", locale="en_US")
    assert i18n.date_text(date(2027, 12, 31), language=american) == "12/31/2027"  # CLDR says 12/31/27


def test_one_message_reads_in_each_language() -> None:
    sentence = Balance(Handoff.SDR_TO_CLOSER, demand=31.12, capacity=0, ratio=None, verdict=Verdict.OVERLOADED).sentence
    assert sentence is not None
    assert i18n.render(sentence, BRITISH) == "closers overloaded: 31.1 opportunities/month not worked"
    assert i18n.render(sentence, DANISH) == "closere overbelastet: 31,1 salgsmuligheder/md. bliver ikke bearbejdet"
    warning = msg("{team}: {sentence}", team="Nordic SMB", sentence=sentence)
    assert i18n.render(warning, DANISH) == \
        "Nordic SMB: closere overbelastet: 31,1 salgsmuligheder/md. bliver ikke bearbejdet"


def test_placeholders_take_their_values_in_the_locales_form() -> None:
    message = msg("{when}: {amount:compact}, {share:%}, {count}, {ratio:.2f}", when=date(2027, 1, 1),
                  amount=Money(1_070_000, "DKK"), share=0.155, count=12_000, ratio=1.5)
    assert i18n.render(message, DANISH) == "01.01.2027: 1,07 mio. kr., 16 %, 12.000, 1,50"
    assert i18n.render(message, BRITISH) == "01/01/2027: DKK 1.07 M, 16 %, 12,000, 1.50"


def test_plurals_follow_the_count() -> None:
    assert [i18n.render(msg_n("{n} team", "{n} teams", n=n), DANISH) for n in (1, 2, 1500)] == \
        ["1 team", "2 teams", "1.500 teams"]
    assert [i18n.render(msg_n("{n} person", "{n} people", n=n), DANISH) for n in (1, 3)] == ["1 person", "3 personer"]


def test_speaking_renders_in_another_language_for_the_block_only() -> None:
    message = msg("Balanced")
    with i18n.speaking("da"):
        assert str(message) == "I balance"
        with i18n.speaking("en"):
            assert str(message) == "Balanced"  # JSON for scripts, inside a Danish run
        assert str(message) == "I balance"
    assert str(message) == "Balanced"


@pytest.mark.parametrize(("system", "code", "locale"), [
    ("da_DK", None, ("da", "da_DK")),       # a Danish system speaks Danish
    ("de_DE", None, ("en", "en_DE")),       # no German catalogue: English, with German conventions (1.234,5)
    ("en_US", None, ("en", "en_US")),
    ("da_DK", "en", ("en", "en_DK")),       # English chosen in Denmark: Danish numbers and dates
    ("en_GB", "da", ("da", "da_DK")),
    (None, None, ("en", "en_GB")),          # the bare C locale
])
def test_the_language_and_its_conventions_follow_the_system_or_the_choice(
        system: str | None, code: str | None, locale: tuple[str, str]) -> None:
    language = i18n.make_language(code, locale=system or "")
    assert (language.code, language.locale) == locale
