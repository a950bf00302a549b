"""The NinjaAPI instance under /api/v1; each domain contributes a router."""

from ninja import NinjaAPI

api = NinjaAPI(title="Latitude API", version="1", urls_namespace="api")
