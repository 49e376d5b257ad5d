from meetings.models import LogEntry


def log(*, group, action: str, by=None, meeting=None, detail: str = "") -> LogEntry:
    return LogEntry.objects.create(group=group, meeting=meeting, actor=by, action=action, detail=detail[:2000])
