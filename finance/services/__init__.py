"""Operations of the money domain. Each function is one operation, typed and keyword-only, transactional, and
leaves an audit row (AuditEntry) or a workflow Transition behind."""
