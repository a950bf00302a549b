from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "latitude.portal"
    label = "portal"
    verbose_name = "Requester portal"
