from django.apps import AppConfig


class BenchConfig(AppConfig):
    name = "latitude.bench"
    label = "bench"
    verbose_name = "Benchmarks"
