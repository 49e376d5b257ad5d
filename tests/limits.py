"""Query budgets shared by the tests of several apps.

The landing page arranges the panels of every app, so its budget is set once here: every app's panel counts
against it, and a new panel that needs more must earn it by making the others cheaper.
"""

DASHBOARD_MAX_QUERIES = 36
