"""The price a brochure's cover and option cards show in a few words (eventsite.outputs.brochure)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from eventsite.model.model import Cost, Option, Price
from eventsite.outputs.brochure import headline_price


def option(*costs) -> Option:
    return Option(id="one", title="Proposal 1", summary="x", parts=(), costs=tuple(costs))


@pytest.mark.parametrize("costs, words", [
    ((), None),
    ((Cost(price=Price(Decimal(950), vat="plus", per="candidate", note="ex. travel")),), "£950 plus VAT per candidate"),
    ((Cost(price=Price(Decimal(950), vat="plus", per="candidate"), basis="8 delegates"),
      Cost(price=Price(Decimal(884), per="candidate"), basis="14 delegates")),
     "From £884 per candidate (14 delegates)"),  # the set size the price depends on
    ((Cost(price=Price(Decimal(950), vat="plus", per="candidate"), basis="8 delegates"),),
     "£950 plus VAT per candidate (8 delegates)"),
    ((Cost(price=Price(Decimal(0))), Cost(price=Price(Decimal(50)))), "Free"),
    ((Cost(relative="roughly half", of="two", note="in time and cash"),), "Roughly half of the Proposal 2 cost"),
])
def test_headline_price(costs, words):
    assert headline_price(option(*costs), {"one": "Proposal 1", "two": "Proposal 2"}) == words
