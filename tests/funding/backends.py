"""An e-mail backend whose SMTP server refuses one address: to test that one failure does not block the rest."""

from smtplib import SMTPRecipientsRefused

from django.core.mail.backends.locmem import EmailBackend

REFUSED = "abgelehnt@example.org"


class RefusingBackend(EmailBackend):
    def send_messages(self, messages):
        for message in messages:
            if REFUSED in message.to:
                raise SMTPRecipientsRefused({REFUSED: (550, b"mailbox unavailable")})
        return super().send_messages(messages)
