"""Who acts: a person, or a named system principal for automation."""

from dataclasses import dataclass


@dataclass(frozen=True)
class SystemActor:
    """Automation acting on its own account, so audit rows never just say 'None'."""

    name: str

    is_authenticated = True
    is_active = True
    is_agent = True
    is_admin = True
    pk = None

    def __str__(self) -> str:
        return f"system:{self.name}"
