"""E-mails are template triples: <name>_subject.txt, <name>.txt and <name>.html, German and formal."""

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def render_email(template_prefix: str, context: dict) -> tuple[str, str, str]:
    context = {"site_url": settings.SITE_URL, **context}
    subject = " ".join(render_to_string(f"{template_prefix}_subject.txt", context).split())
    text = render_to_string(f"{template_prefix}.txt", context)
    html = render_to_string(f"{template_prefix}.html", context)
    return subject, text, html


def templated_message(
    *,
    template_prefix: str,
    to: Iterable[str],
    context: dict,
    reply_to=None,
    attachments: Iterable[tuple[str, bytes, str]] = (),
) -> EmailMultiAlternatives | None:
    """The e-mail of the triple `template_prefix` to the non-empty addresses in `to`, rendered but not sent (None
    without an address); `attachments` are (filename, content, mimetype) triples, e.g. an agenda PDF or a calendar
    entry. A batch job renders with it and sends many messages through one connection."""
    recipients = [address for address in to if address]
    if not recipients:
        return None
    subject, text, html = render_email(template_prefix, context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=recipients, reply_to=reply_to)
    message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    return message


def send_templated_mail(
    *,
    template_prefix: str,
    to: Iterable[str],
    context: dict,
    reply_to=None,
    attachments: Iterable[tuple[str, bytes, str]] = (),
) -> int:
    """Sends the triple `template_prefix` (see `templated_message`). Returns the messages sent."""
    message = templated_message(
        template_prefix=template_prefix, to=to, context=context, reply_to=reply_to, attachments=attachments
    )
    return message.send() if message else 0
