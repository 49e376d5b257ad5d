from agencies.access import scope_for


def user_scope(request):
    user = getattr(request, "user", None)
    return {"scope": scope_for(user)} if user is not None else {}
