from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "latitude.people"
    label = "people"
    verbose_name = "People and organisation"
