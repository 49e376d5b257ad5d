from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from agencies.models import Role
from reporting.dashboard import panels_for


@login_required
def dashboard(request):
    return render(request, "reporting/dashboard.html", {"panels": panels_for(request), "role_labels": Role.choices})
