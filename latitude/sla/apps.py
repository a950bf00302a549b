from django.apps import AppConfig


class SlaConfig(AppConfig):
    name = "latitude.sla"
    label = "sla"
    verbose_name = "Service levels and business calendars"
