"""How the model is written in words, the same on pages and in calendar files."""

from __future__ import annotations

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
