"""Topic proposals and votes for next year's Klausurtagung, and agencies volunteering to present their work."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from meetings.models.groups import Member, WorkingGroup


class TopicProposal(models.Model):
    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="topics")
    year = models.PositiveSmallIntegerField(_("für das Jahr"))
    title = models.CharField(_("Thema"), max_length=200)
    description = models.TextField(_("Erläuterung"), blank=True)
    proposed_by = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="topic_proposals")
    chosen = models.BooleanField(_("ausgewählt"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Themenvorschlag")
        verbose_name_plural = _("Themenvorschläge")
        ordering = ["-year", "title"]
        constraints = [models.UniqueConstraint(fields=["group", "year", "title"], name="topic_unique_title")]

    def __str__(self) -> str:
        return self.title


class TopicVote(models.Model):
    topic = models.ForeignKey(TopicProposal, on_delete=models.CASCADE, related_name="votes")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="topic_votes")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Stimme")
        verbose_name_plural = _("Stimmen")
        constraints = [models.UniqueConstraint(fields=["topic", "member"], name="topicvote_once_per_member")]

    def __str__(self) -> str:
        return f"{self.member} → {self.topic}"


class PresentationVolunteer(models.Model):
    """An agency offers to present its project in one of the next meetings."""

    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="volunteers")
    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="+")
    offered_by = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    topic = models.CharField(_("Was möchten Sie vorstellen?"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    used_for = models.ForeignKey("meetings.Meeting", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("freiwillige Vorstellung")
        verbose_name_plural = _("freiwillige Vorstellungen")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "agency"], condition=models.Q(used_for__isnull=True), name="volunteer_once_open"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency}: {self.topic}"
