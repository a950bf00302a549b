from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class ScopesConfig(AppConfig):
    name = "latitude.scopes"
    label = "scopes"
    verbose_name = "Decision scopes"

    def ready(self) -> None:
        # Every installed app may declare its guarded decisions in `<app>.decisions`.
        autodiscover_modules("decisions")
