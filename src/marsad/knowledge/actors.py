"""Actor knowledge: countries, places, organisations, groups, outlets, roles, people.

Each loader reads one TSV file of the package, validates every row and
returns typed records. Forms are kept as written; `marsad.knowledge.lexicon`
normalises and compiles them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from marsad.knowledge.errors import KnowledgeError
from marsad.knowledge.files import Row, read_tsv
from marsad.model import IGO_CODES

ROLE_CODES = frozenset(
    "GOV MIL COP LEG JUD OPP REB INS MED BUS CVL EDU REL LAB HLH SPY ELI PTY REF IGO NGO AGR ENV MOD RAD UAF".split()
)
ROLE_KINDS = frozenset({"title", "body", "counterpart"})
_ISO3 = re.compile(r"^[A-Z]{3}$")
_ARABIC = re.compile(r"[\u0621-\u064A]")


@dataclass(frozen=True, slots=True)
class Country:
    iso3: str
    iso2: str
    fips: str
    name_en: str
    name_ar: str
    variants: tuple[str, ...]
    nisba: tuple[str, ...]
    metonyms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Place:
    name_ar: str
    iso3: str
    kind: str
    variants: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Organisation:
    """An IGO (igo set when it is one of the contract's codes) or a non-state group."""

    id: str
    name_en: str
    name_ar: str
    variants: tuple[str, ...]
    code: str
    country: str | None = None
    igo: str | None = None
    role: str | None = None


@dataclass(frozen=True, slots=True)
class Outlet:
    id: str
    country: str | None
    name_en: str
    name_ar: str
    variants: tuple[str, ...]
    needs_prefix: bool


@dataclass(frozen=True, slots=True)
class Role:
    form: str
    role: str
    kind: str
    example: str
    home: str | None = None  # the one state a body belongs to (الكنيست), iso3


@dataclass(frozen=True, slots=True)
class Office:
    """One office one person held: a line of people_*.tsv."""

    person_id: str
    name_ar: str
    country: str | None
    igo: str | None
    role: str
    office: str
    start: int
    end: int | None

    def holds(self, year: int | None) -> bool:
        if year is None:
            return self.end is None
        return self.start <= year <= (self.end if self.end is not None else 9999)


@dataclass(slots=True)
class Person:
    person_id: str
    name_ar: str
    names: list[str] = field(default_factory=list)
    surnames: list[str] = field(default_factory=list)
    offices: list[Office] = field(default_factory=list)

    def office_in(self, year: int | None) -> Office | None:
        """The office held in `year`; else the nearest one in time (a former official keeps his country)."""
        held = [o for o in self.offices if o.holds(year)]
        if held:
            return held[0]
        if not self.offices:
            return None
        if year is None:
            return max(self.offices, key=lambda o: o.start)
        return min(self.offices, key=lambda o: min(abs(o.start - year), abs((o.end or 2100) - year)))


def _unique_id(row: Row, seen: set[str]) -> str:
    ident = row.get("id")
    if not re.match(r"^[a-z0-9_]+$", ident):
        raise row.error(f"id must be ascii snake_case, not {ident!r}")
    if ident in seen:
        raise row.error(f"duplicate id {ident!r}")
    seen.add(ident)
    return ident


def _iso3(row: Row, column: str, known: frozenset[str] | None, optional: bool = False) -> str | None:
    value = row.get(column)
    if not value:
        if optional:
            return None
        raise row.error(f"{column} is empty")
    if not _ISO3.match(value) or (known is not None and value not in known):
        raise row.error(f"{column}: unknown country code {value!r}")
    return value


def _names(row: Row, *columns: str) -> tuple[str, ...]:
    out: list[str] = []
    for c in columns:
        out.extend(row.many(c))
    for n in out:
        if not _ARABIC.search(n):
            raise row.error(f"{n!r} has no Arabic letter")
    return tuple(dict.fromkeys(out))


def _year(row: Row, column: str, optional: bool) -> int | None:
    value = row.get(column)
    if not value and optional:
        return None
    if not value.isdigit() or not 1900 <= int(value) <= 2100:
        raise row.error(f"{column}: bad year {value!r}")
    return int(value)


@cache
def load_countries() -> tuple[Country, ...]:
    out: list[Country] = []
    seen: set[str] = set()
    for row in read_tsv("countries.tsv", ("iso3", "iso2", "fips", "name_en", "name_ar", "variants", "nisba", "metonyms")):
        iso3 = _iso3(row, "iso3", None)
        assert iso3
        if iso3 in seen:
            raise row.error(f"duplicate country {iso3}")
        seen.add(iso3)
        if not re.match(r"^[A-Z]{2}$", row.get("iso2")):
            raise row.error(f"bad iso2 {row.get('iso2')!r}")
        out.append(
            Country(
                iso3=iso3,
                iso2=row.get("iso2"),
                fips=row.get("fips"),
                name_en=row.get("name_en"),
                name_ar=row.get("name_ar"),
                variants=_names(row, "name_ar", "variants"),
                nisba=_names(row, "nisba"),
                metonyms=_names(row, "metonyms"),
            )
        )
    return tuple(out)


@cache
def country_codes() -> frozenset[str]:
    return frozenset(c.iso3 for c in load_countries())


@cache
def load_places() -> tuple[Place, ...]:
    known = country_codes()
    out = []
    for row in read_tsv("places.tsv", ("name_ar", "iso3", "kind", "variants")):
        kind = row.get("kind")
        if kind not in ("city", "region"):
            raise row.error(f"kind must be city or region, not {kind!r}")
        iso3 = _iso3(row, "iso3", known)
        assert iso3
        out.append(Place(row.get("name_ar"), iso3, kind, _names(row, "name_ar", "variants")))
    return tuple(out)


@cache
def load_igos() -> tuple[Organisation, ...]:
    seen: set[str] = set()
    out = []
    for row in read_tsv("igos.tsv", ("id", "igo", "cameo", "name_en", "name_ar", "variants")):
        _unique_id(row, seen)
        igo = row.get("igo") or None
        if igo and igo not in IGO_CODES:
            raise row.error(f"igo {igo!r} is not one of the contract's IGO codes")
        out.append(
            Organisation(
                id=row.get("id"),
                name_en=row.get("name_en"),
                name_ar=row.get("name_ar"),
                variants=_names(row, "name_ar", "variants"),
                code=row.get("cameo") or "IGO",
                igo=igo,
                role="IGO",
            )
        )
    return tuple(out)


@cache
def load_groups() -> tuple[Organisation, ...]:
    known = country_codes()
    seen: set[str] = set()
    out = []
    for row in read_tsv("groups.tsv", ("id", "country", "role", "name_en", "name_ar", "variants")):
        _unique_id(row, seen)
        country = _iso3(row, "country", known, optional=True)
        role = row.get("role")
        if role not in ROLE_CODES:
            raise row.error(f"unknown role {role!r}")
        out.append(
            Organisation(
                id=row.get("id"),
                name_en=row.get("name_en"),
                name_ar=row.get("name_ar"),
                variants=_names(row, "name_ar", "variants"),
                code=(country or "") + role,
                country=country,
                role=role,
            )
        )
    return tuple(out)


@dataclass(frozen=True, slots=True)
class StateGroup:
    """States named together as one group whose members common usage fixes (مجموعة 5+1)."""

    id: str
    name_en: str
    name_ar: str
    members: tuple[str, ...]
    variants: tuple[str, ...]


@cache
def load_state_groups() -> tuple[StateGroup, ...]:
    known = country_codes()
    seen: set[str] = set()
    out = []
    for row in read_tsv("state_groups.tsv", ("id", "name_en", "members", "name_ar", "variants")):
        _unique_id(row, seen)
        members = tuple(m.strip() for m in row.get("members").split("|") if m.strip())
        if len(members) < 2 or any(m not in known for m in members):
            raise row.error(f"members must be two or more known ISO3 codes, not {row.get('members')!r}")
        out.append(StateGroup(row.get("id"), row.get("name_en"), row.get("name_ar"), members,
                              _names(row, "name_ar", "variants")))
    return tuple(out)


@cache
def load_outlets() -> tuple[Outlet, ...]:
    known = country_codes()
    seen: set[str] = set()
    out = []
    for row in read_tsv("media.tsv", ("id", "country", "name_en", "name_ar", "variants")):
        _unique_id(row, seen)
        out.append(
            Outlet(
                id=row.get("id"),
                country=_iso3(row, "country", known, optional=True),
                name_en=row.get("name_en"),
                name_ar=row.get("name_ar"),
                variants=_names(row, "name_ar", "variants"),
                needs_prefix=row.get("id").endswith("_needs_prefix"),
            )
        )
    return tuple(out)


_SITE = re.compile(r"^[a-z0-9][a-z0-9.-]*$")


@dataclass(frozen=True, slots=True)
class Site:
    names: tuple[str, ...]  # web domains and short feed ids (aawsat.com, aawsat)
    country: str
    name_en: str
    example: str


@cache
def load_sites() -> tuple[Site, ...]:
    """Outlets' sites and their homes (sites.tsv)."""
    known = country_codes()
    seen: set[str] = set()
    out = []
    for row in read_tsv("sites.tsv", ("site", "country", "name_en", "example")):
        names = tuple(n.strip() for n in row.get("site").split("|") if n.strip())
        if not names:
            raise row.error("site is empty")
        for n in names:
            if not _SITE.match(n):
                raise row.error(f"site must be a lowercase domain or id, not {n!r}")
            if n in seen:
                raise row.error(f"duplicate site {n!r}")
            seen.add(n)
        country = _iso3(row, "country", known)
        assert country is not None
        if not row.get("example"):
            raise row.error("example is empty")
        out.append(Site(names, country, row.get("name_en"), row.get("example")))
    return tuple(out)


@cache
def load_roles() -> tuple[Role, ...]:
    out = []
    states = {c.iso3 for c in load_countries()}
    for row in read_tsv("roles.tsv", ("form", "role", "kind", "example")):
        role, kind, home = row.get("role"), row.get("kind"), row.get("home") or None
        if home is not None and home not in states:
            raise row.error(f"unknown state {home!r} in home")
        if role not in ROLE_CODES:
            raise row.error(f"unknown role {role!r}")
        if kind not in ROLE_KINDS:
            raise row.error(f"unknown kind {kind!r}")
        form = _names(row, "form")
        if len(form) != 1:
            raise row.error("one form per line")
        out.append(Role(form[0], role, kind, row.get("example"), home))
    return tuple(out)


PEOPLE_FILES = ("people_mena.tsv", "people_world.tsv")


@cache
def load_people() -> dict[str, Person]:
    known = country_codes()
    people: dict[str, Person] = {}
    columns = ("person_id", "name_ar", "variants", "surnames", "country", "igo", "role", "office", "start", "end")
    for name in PEOPLE_FILES:
        for row in read_tsv(name, columns):
            pid = row.get("person_id")
            if not re.match(r"^[a-z0-9_]+$", pid):
                raise row.error(f"person_id must be ascii snake_case, not {pid!r}")
            country = _iso3(row, "country", known, optional=True)
            igo = row.get("igo") or None
            if igo and igo not in IGO_CODES:
                raise row.error(f"unknown igo {igo!r}")
            if not country and not igo:
                raise row.error("a person needs a country or an igo")
            role = row.get("role")
            if role not in ROLE_CODES:
                raise row.error(f"unknown role {role!r}")
            start, end = _year(row, "start", False), _year(row, "end", True)
            assert start is not None
            if end is not None and end < start:
                raise row.error(f"end {end} before start {start}")
            person = people.setdefault(pid, Person(pid, row.get("name_ar")))
            for n in _names(row, "name_ar", "variants"):
                if n not in person.names:
                    person.names.append(n)
            for s in _names(row, "surnames"):
                if s not in person.surnames:
                    person.surnames.append(s)
            person.offices.append(
                Office(pid, row.get("name_ar"), country, igo, role, row.get("office"), start, end)
            )
    for p in people.values():
        # Most recent office first, so that ties prefer the newer office.
        p.offices.sort(key=lambda o: -o.start)
    return people


def validate_all() -> None:
    """Load every actor file (raises KnowledgeError on the first bad line)."""
    for loader in (load_countries, load_places, load_igos, load_groups, load_state_groups, load_outlets, load_roles,
                   load_people):
        loader()


__all__ = [
    "Country", "Place", "Organisation", "Outlet", "Role", "Office", "Person", "StateGroup", "KnowledgeError",
    "load_countries", "load_places", "load_igos", "load_groups", "load_state_groups", "load_outlets", "load_roles",
    "load_people", "country_codes", "validate_all",
]
