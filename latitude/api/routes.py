"""The NinjaAPI instance under /api/v1; each domain contributes a router."""

from ninja import NinjaAPI, Swagger

from latitude.api.auth import api_auth
from latitude.api.errors import install_problem_handlers
from latitude.catalog.api import router as catalog_router
from latitude.notifications.api import router as notifications_router
from latitude.people.api import people_router, teams_router
from latitude.scopes.api import router as scopes_router
from latitude.sla.api import router as sla_router
from latitude.tickets.api import router as tickets_router

DESCRIPTION = """
Authenticate with a personal API token (`Authorization: Bearer lat_...`) or, from the browser,
with the session cookie plus the `X-CSRFToken` header on unsafe methods.

Every error is `application/problem+json`: `{type, title, status, code, detail, errors}`, where
`code` is stable and `errors` lists `{field, message}`. Lists are cursor-paginated: pass the
`next_cursor` of one page as `cursor` to get the next. Ticket reads return an `ETag`; send it as
`If-Match` on writes to be refused with 412 `precondition_failed` if someone changed it first.
"""

api = NinjaAPI(
    title="Latitude API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    auth=api_auth(),
    # The bundled Swagger UI is served from our static files; no validator badge is fetched
    # from swagger.io, so the page loads nothing from other origins.
    docs=Swagger(settings={"validatorUrl": None, "persistAuthorization": False}),
)
install_problem_handlers(api)

api.add_router("", tickets_router)
api.add_router("", people_router)
api.add_router("", teams_router)
api.add_router("", catalog_router)
api.add_router("", scopes_router)
api.add_router("", notifications_router)
api.add_router("", sla_router)
