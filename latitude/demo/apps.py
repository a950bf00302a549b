from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "latitude.demo"
    label = "demo"
    verbose_name = "Demo data"
