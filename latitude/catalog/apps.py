from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "latitude.catalog"
    label = "catalog"
    verbose_name = "Service catalogue"
