"""Operations of the planning app, one module per topic:

- `documents`: create, carry forward, amend, save content (optimistic locking), switch to the current template;
- `workflow`: submit, return, approve, forward (each through `core.services.transition`) and section comments;
- `files`: evidence attachments with size and type checks;
- `pdf`: the PDF of a document revision;
- `bulk`: bulk approve and bulk forward (a Celery task with visible progress and one ZIP).
"""
