"""Fixtures of the money tests: the phase 2025–2026 with its rates, the world's positions in pay group S 12, a
frozen clock on 24.11.2026."""

from dataclasses import dataclass

import pytest
import time_machine

from agencies.models import FundingAuthority
from funding.models import FundingPhase, FundingYear
from tests import factories
from tests.finance import factories as finance_factories


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel("2026-11-24 10:00 +0100", tick=False):
        yield


@dataclass
class Money:
    phase: FundingPhase
    year1: FundingYear
    year2: FundingYear
    rate: object
    authority: FundingAuthority


@pytest.fixture
def money(world) -> Money:
    phase, (year1, year2) = finance_factories.phase_2025_2026()
    rate = finance_factories.funding_rate(phase)
    finance_factories.set_pay_groups()
    return Money(phase=phase, year1=year1, year2=year2, rate=rate, authority=factories.FundingAuthorityFactory())


@pytest.fixture
def authority(money):
    """The funding authority user of the same authority the applications are addressed to."""
    return factories.authority_user()
