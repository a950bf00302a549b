from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "latitude.core"
    label = "core"
    verbose_name = "Core"
