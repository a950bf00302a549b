from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class ScopesConfig(AppConfig):
    name = "latitude.scopes"
    label = "scopes"
    verbose_name = "Decision scopes"

    def ready(self) -> None:
        from latitude.core import decisions
        from latitude.scopes import enforcement
        from latitude.scopes.actions.requests import open_request

        # Every installed app may declare its guarded decisions in `<app>.decisions`.
        autodiscover_modules("decisions")
        decisions.register_checker(enforcement.check)
        decisions.register_right_noter(enforcement.note_by_right)
        decisions.register_refusal_handler(open_request)
