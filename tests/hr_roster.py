"""A realistic HR export, as a VP of Sales gets it from HR: 57 people of "Nordvik", semicolon-separated,
Windows-1252, European numbers (``185.000`` salaries, ``0,8`` FTE), dates as ``15.03.2021``, job titles
as HR writes them, and no team column — the teams are Segment × Region.

Used by the roster tests and the import dialog's tests (and handy for trying the dialog by hand:
``uv run python -m tests.hr_roster roster_nordvik_v2.csv``).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from salesplanner.roles import Role

HEADERS = ("Employee ID", "Full name", "Job title", "Department", "Segment", "Region", "FTE", "Hire date",
           "Annual salary (EUR)", "E-mail")


@dataclass(frozen=True)
class Employee:
    number: str
    name: str
    title: str
    segment: str
    region: str
    fte: str
    hired: str
    salary: str

    @property
    def email(self) -> str:
        first, last = self.name.lower().split(" ", 1)
        table = str.maketrans({"ø": "o", "å": "a", "æ": "ae", "ö": "o", "ü": "u", "ä": "a", "é": "e", " ": ""})
        return f"{first.translate(table)}.{last.translate(table)}@nordvik.no"


# Per team: the titles HR gives its nine people, each with the role a VP means by it.
TEAM_TITLES: tuple[tuple[str, Role], ...] = (
    ("Head of Sales", Role.MANAGER),
    ("Sales Development Representative", Role.SDR_OUTBOUND),
    ("BDR", Role.SDR_OUTBOUND),
    ("Inbound SDR", Role.SDR_INBOUND),
    ("Account Executive", Role.AE),
    ("Senior Account Executive", Role.AE),
    ("Enterprise AE", Role.AE),
    ("Key Account Manager", Role.AM),
    ("Partner Manager", Role.AM),
)
SALARIES = {Role.MANAGER: "165.000", Role.SDR_OUTBOUND: "58.500", Role.SDR_INBOUND: "55.000", Role.AE: "96.000",
            Role.AM: "82.000"}
ENTERPRISE_AE = "185.000"
"""Enterprise AEs earn more: the issue's own figure."""
SEGMENTS = ("SMB", "Enterprise")
REGIONS = ("Nordics", "DACH", "Benelux")
NAMES = (
    "Søren Ågård", "Ana Berg", "Bo Dahl", "Cai Lund", "Dita Moe", "Eva Toft", "Finn Aas", "Gus Holm", "Hal Vik",
    "Ida Falk", "Jon Ruud", "Kari Næss", "Lars Øberg", "Mia Krogh", "Nils Bjørk", "Ole Sand", "Pia Winther",
    "Rune Hovland", "Siri Eng", "Tor Lie", "Una Kvist", "Vera Holt", "Ulf Sæther", "Åse Brun", "Jens Müller",
    "Klara Schäfer", "Lukas Weiß", "Marie Köhler", "Noah Fischer", "Lena Bauer", "Paul Zimmermann", "Sophie Krüger",
    "Felix Hoffmann", "Emma Schulz", "Jonas Becker", "Hanna Wolf", "Daan de Vries", "Sanne Jansen", "Bram Visser",
    "Eva Smit", "Lotte Bakker", "Ruben Meijer", "Fleur de Boer", "Thijs Mulder", "Noor Peters", "Sem Hendriks",
    "Julia Dekker", "Lars van Dijk", "Zoë Dubois", "Luc Claes", "Elise Maes", "Tom Willems", "Inès Lambert",
    "Mats Holm", "Frida Ek", "Erik Strand", "Astrid Lund",
)


def employees() -> list[Employee]:
    """The 57 rows: six teams of nine, then the VP, a sales-operations analyst and a solutions engineer,
    who belong to no segment or region."""
    rows: list[Employee] = []
    names = iter(NAMES)
    for segment in SEGMENTS:
        for region in REGIONS:
            for title, role in TEAM_TITLES:
                index = len(rows)
                fte = "0,8" if index % 9 == 8 else "0,5" if index == 12 else "1"
                salary = ENTERPRISE_AE if segment == "Enterprise" and title == "Enterprise AE" else SALARIES[role]
                hired = date(2019 + index % 6, 1 + index % 12, 1 + (3 * index) % 28)
                rows.append(Employee(f"N{1000 + index}", next(names), title, segment, region, fte,
                                     hired.strftime("%d.%m.%Y"), salary))
    rows.append(Employee("N1054", next(names), "VP Sales", "", "", "1", "01.09.2018", "210.000"))
    rows.append(Employee("N1055", next(names), "Sales Operations Analyst", "", "", "1", "15.02.2022", "68.000"))
    rows.append(Employee("N1056", next(names), "Solutions Engineer", "", "", "0,8", "01.06.2023", "88.000"))
    return rows


def role_of(employee: Employee) -> Role | None:
    """The role a VP means by the employee's title (None: not a sales role the plan models)."""
    return {"VP Sales": Role.MANAGER}.get(employee.title) or dict(TEAM_TITLES).get(employee.title)


def euros(text: str) -> float:
    """``185.000`` as the number a European means by it, worked out without the import's code."""
    return float(text.replace(".", ""))


def write_hr_export(path: Path) -> Path:
    """Write the roster as Excel on Windows saves "CSV (semicolon)": Windows-1252, CRLF line ends."""
    lines = [";".join(HEADERS)]
    for row in employees():
        lines.append(";".join((row.number, row.name, row.title, "Sales", row.segment, row.region, row.fte,
                               row.hired, row.salary, row.email)))
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    return path


if __name__ == "__main__":
    print(write_hr_export(Path(sys.argv[1] if len(sys.argv) > 1 else "roster_nordvik_v2.csv")))
