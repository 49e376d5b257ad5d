"""An e-mail backend whose SMTP server refuses one address: to test that one failure does not block the rest."""

from smtplib import SMTPRecipientsRefused, SMTPServerDisconnected

from django.core.mail.backends.locmem import EmailBackend

REFUSED = "abgelehnt@example.org"


class RefusingBackend(EmailBackend):
    def send_messages(self, messages):
        for message in messages:
            if REFUSED in message.to:
                raise SMTPRecipientsRefused({REFUSED: (550, b"mailbox unavailable")})
        return super().send_messages(messages)


class WorkerDiesAfterHandingOver(EmailBackend):
    """The mail server takes the e-mail to DIES_AFTER, then the worker dies before it can record that: the one
    window in which a crash can repeat an e-mail."""

    def send_messages(self, messages):
        sent = super().send_messages(messages)
        if any(DIES_AFTER in message.to for message in messages):
            raise WorkerDied
        return sent


DIES_AFTER = "absturz@example.org"


class WorkerDied(BaseException):
    """Not an SMTP error: nothing in the delivery loop catches it, as with a killed process."""


DROPS = "trennt@example.org"


class DroppingBackend(EmailBackend):
    """A mail server that drops the session at the e-mail to DROPS: later e-mails on that session fail too."""

    broken = False

    def send_messages(self, messages):
        if self.broken or any(DROPS in message.to for message in messages):
            self.broken = True
            raise SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)

    def close(self):
        self.broken = False
