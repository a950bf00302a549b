from django.apps import AppConfig


class WorkerConfig(AppConfig):
    name = "latitude.worker"
    label = "worker"
    verbose_name = "Background work"

    def ready(self) -> None:
        from latitude.worker import signals

        signals.connect()
