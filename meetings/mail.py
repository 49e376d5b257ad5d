"""E-mails to members (users and guests alike), sent through core.emails with their attachments (agenda PDF,
calendar entry)."""

from core.emails import send_templated_mail
from meetings.models import Member


def send_to_member(*, template: str, member: Member, context: dict, attachments=()) -> int:
    """Sends meetings/emails/<template>{_subject.txt,.txt,.html} to `member`. `attachments` are
    (filename, bytes, mimetype) triples. Returns the number of messages sent (0 without an address)."""
    return send_templated_mail(
        template_prefix=f"meetings/emails/{template}",
        to=[member.contact_email],
        context={"member": member, **context},
        attachments=attachments,
    )
