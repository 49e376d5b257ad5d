from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.jobs import BulkJob
from core.workflow import Revision, SectionComment, StoredDocument, Transition

__all__ = ["BulkJob", "Revision", "SectionComment", "StoredDocument", "Transition", "User"]


class User(AbstractUser):
    """A person who logs in. What they may see comes from their memberships (agencies app), not from flags here."""

    email = models.EmailField(_("E-Mail-Adresse"), blank=True)

    class Meta:
        verbose_name = _("Benutzer")
        verbose_name_plural = _("Benutzer")
        ordering = ["last_name", "first_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username
