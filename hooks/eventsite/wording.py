"""How the model is written in words, the same on pages and in calendar files."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from .model import Price

SYMBOLS = {"GBP": "£", "EUR": "€", "USD": "$"}
VAT = {"plus": "plus VAT", "included": "including VAT", "exempt": "no VAT"}


def money(amount: Decimal, currency: str) -> str:
    """'£950', '£884.50': pence only when there are some."""
    text = f"{amount:,.2f}".removesuffix(".00")
    return f"{SYMBOLS.get(currency, currency + ' ')}{text}"


def price_text(price: Price) -> str:
    """'Free', or '£950 plus VAT per candidate'."""
    if price.free:
        words = "Free"
    else:
        words = " ".join(part for part in (
            money(price.amount, price.currency),
            VAT.get(price.vat or "", ""),
            f"per {price.per}" if price.per else "") if part)
    return f"{words} ({price.note})" if price.note else words


def places_text(capacity: int | None, left: int | None) -> str | None:
    """'Limited to 8 places', '3 of 8 places left', 'Fully booked'."""
    if left == 0:
        return "Fully booked"
    if left is not None and capacity:
        return f"{left} of {capacity} place{'s' if capacity != 1 else ''} left"
    if left is not None:
        return f"{left} place{'s' if left != 1 else ''} left"
    if capacity:
        return f"Limited to {capacity} place{'s' if capacity != 1 else ''}"
    return None


def cost_text(cost, option_titles: dict[str, str]) -> str:
    """'£950 plus VAT per candidate based on 8 delegates working in one set', or a relative cost:
    'Roughly half of the Proposal 1 cost (in time and cash)'. ``cost`` is a ``model.Cost``;
    ``option_titles`` names the options a relative cost can compare with."""
    if cost.price is not None:
        words = price_text(replace(cost.price, note=None))
        note = cost.price.note
    else:
        relative = cost.relative or ""
        words = f"{relative[:1].upper()}{relative[1:]} of the {option_titles.get(cost.of, cost.of)} cost"
        note = cost.note
    if cost.basis:
        words += f" based on {cost.basis}"
    return f"{words} ({note})" if note else words


def alternatives(texts) -> str:
    """'A', 'A, or B', 'A, B, or C': costs that are alternatives, not a sum."""
    texts = list(texts)
    return texts[0] if len(texts) == 1 else ", ".join(texts[:-1]) + ", or " + texts[-1]
