"""Shared fixtures: a published template and a hand-computed data set.

`sample` — association A (one district): a1–a4 with 10, 20, 30, 40 participants in 2026 (8, 12, 16, 20 in 2025).
Association B (one district): b1, b2 with 5 and 15; b3's draft (1000) does not count.
"""

from dataclasses import dataclass

import pytest

from core.workflow import State
from tests import factories
from tests.reporting.controlling.factories import published_template, report_with


@pytest.fixture
def template(db):
    return published_template()


@dataclass
class Sample:
    a: list
    b: list
    template: object


@pytest.fixture
def sample(template) -> Sample:
    awo = factories.WelfareAssociationFactory(short_name="AWO")
    caritas = factories.WelfareAssociationFactory(short_name="Caritas")
    provider_a = factories.ProviderFactory(district=factories.DistrictAssociationFactory(welfare_association=awo))
    provider_b = factories.ProviderFactory(district=factories.DistrictAssociationFactory(welfare_association=caritas))
    a = [factories.AgencyFactory(name=f"A{i}", provider=provider_a) for i in range(1, 5)]
    b = [factories.AgencyFactory(name=f"B{i}", provider=provider_b) for i in range(1, 4)]
    for agency, now, before, fte in zip(a, (10, 20, 30, 40), (8, 12, 16, 20), ("1", "2", "1", "2"), strict=True):
        report_with(
            agency, 2026, template, {"teilnehmende": now, "erreicht": 3, "teilweise": 1, "nicht": 0, "vzae": fte}
        )
        report_with(agency, 2025, template, {"teilnehmende": before}, state=State.FORWARDED)
    report_with(b[0], 2026, template, {"teilnehmende": 5})
    report_with(b[1], 2026, template, {"teilnehmende": 15})
    report_with(b[2], 2026, template, {"teilnehmende": 1000}, state=State.DRAFT)
    return Sample(a=a, b=b, template=template)
