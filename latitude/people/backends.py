"""Signing in with e-mail and password, as Django's ModelBackend, reading the person's unit
with them: every page's visibility rule asks whether the unit shares tickets, which was one
query more on every request."""

from typing import Any

from django.contrib.auth.backends import ModelBackend

from latitude.people.models import User


class PersonBackend(ModelBackend):
    def get_user(self, user_id: Any) -> User | None:
        user = User._default_manager.select_related("unit").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
