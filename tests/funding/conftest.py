import pytest

from tests.funding.factories import phase_2025


@pytest.fixture
def phase(world):
    """Phase 2025–2026 generated for the world's two districts (three agencies)."""
    return phase_2025()


@pytest.fixture
def mailbox(settings):
    from django.core import mail

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    return mail.outbox
