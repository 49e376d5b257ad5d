"""Operations of the meetings app, one function per state change; each writes a LogEntry and queues its e-mails
with transaction.on_commit, so a rollback sends nothing."""
