from django.utils.functional import SimpleLazyObject

from core.menu import main_menu


def menu(request):
    # Lazy: pages rendered without the layout (PDFs, e-mails, partial responses) never build the menu.
    return {"main_menu": SimpleLazyObject(lambda: main_menu(request))}
