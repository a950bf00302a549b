from django.apps import AppConfig


class TicketsConfig(AppConfig):
    name = "latitude.tickets"
    label = "tickets"
    verbose_name = "Tickets"
