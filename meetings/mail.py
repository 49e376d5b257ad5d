"""E-mails to members (users and guests alike), built on core.emails. Attachments (agenda PDF, calendar entry)
need a message object, so this module renders the triple with core's helper and attaches the files."""

from django.core.mail import EmailMultiAlternatives

from core.emails import render_email, send_templated_mail
from meetings.models import Member


def send_to_member(*, template: str, member: Member, context: dict, attachments=()) -> int:
    """Sends meetings/emails/<template>{_subject.txt,.txt,.html} to `member`. `attachments` are
    (filename, bytes, mimetype) triples. Returns the number of messages sent (0 without an address)."""
    address = member.contact_email
    prefix = f"meetings/emails/{template}"
    context = {"member": member, **context}
    if not attachments:
        return send_templated_mail(template_prefix=prefix, to=[address], context=context)
    if not address:
        return 0
    subject, text, html = render_email(prefix, context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[address])
    message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    return message.send()
