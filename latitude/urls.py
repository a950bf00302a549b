from django.contrib import admin
from django.urls import include, path

from latitude.api.routes import api
from latitude.core import views as core_views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("", core_views.home, name="home"),
    path("accounts/", include("latitude.core.account_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("desk/latitude/", include("latitude.scopes.urls")),
    path("desk/sla/", include("latitude.sla.pages.urls")),
    path("desk/", include("latitude.scopes.trust.urls")),
    path("desk/", include("latitude.tickets.urls")),
    path("portal/", include("latitude.portal.urls")),
    path("notifications/", include("latitude.notifications.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
