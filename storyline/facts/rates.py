"""Reference exchange rates shipped with the package (ECB euro reference rates, monthly/annual averages).

Money reported in two currencies ("1,5 miljard dollar" vs "1,3 miljard euro") is compared in euro at
the rate of the month the article speaks about; the table and its provenance are in
``storyline/data/exchange_rates.csv``. Without a rate for the date nothing is converted, so the
caller can say that the currencies differ instead of guessing.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from storyline.model import PartialDate

# A monthly average differs from the rate of the day a figure was computed; allow this much.
RATE_TOLERANCE = 0.02


@dataclass(frozen=True)
class Rate:
    """Units of ``currency`` per euro for ``period`` ('2020-09' monthly or '2020' annual average)."""

    currency: str
    period: str
    per_eur: float


@lru_cache(maxsize=1)
def _table() -> dict[tuple[str, str], float]:
    """The shipped rate table, keyed by (currency, period); read once (it is immutable package data)."""
    out: dict[tuple[str, str], float] = {}
    with resources.files("storyline").joinpath("data/exchange_rates.csv").open(encoding="utf-8") as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        for row in rows:
            out[(row["currency"].strip().upper(), row["period"].strip())] = float(row["per_eur"])
    return out


def rate_for(currency: str, when: PartialDate | None) -> Rate | None:
    """The reference rate of ``currency`` for the month (else the year) of ``when``; None if unknown."""
    currency = currency.upper()
    if currency == "EUR":
        return Rate("EUR", when.iso()[:7] if when else "", 1.0)
    if when is None:
        return None
    table = _table()
    if when.month is not None:
        key = (currency, f"{when.year:04d}-{when.month:02d}")
        if key in table:
            return Rate(currency, key[1], table[key])
    key = (currency, f"{when.year:04d}")
    if key in table:
        return Rate(currency, key[1], table[key])
    return None


@dataclass(frozen=True)
class Conversion:
    """An amount converted to euro, with the rate that was used."""

    eur: float
    rate: Rate


def to_eur(amount: float, currency: str, when: PartialDate | None) -> Conversion | None:
    """``amount`` of ``currency`` in euro at the reference rate for ``when``; None without a rate."""
    rate = rate_for(currency, when)
    if rate is None:
        return None
    return Conversion(amount / rate.per_eur, rate)


def known_currencies() -> set[str]:
    """Currencies the table has at least one rate for (plus EUR)."""
    return {cur for cur, _ in _table()} | {"EUR"}
