from reporting.views.dashboard import dashboard

__all__ = ["dashboard"]
