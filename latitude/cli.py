"""The `latitude` console command: what operators need, as thin wrappers over Django commands.

latitude serve [--port N] [--host H]   serve the desk (development server; see docs for gunicorn)
latitude worker [--batch]              run background tasks and periodic jobs (several may run)
latitude sla recompute [--dry-run]     rebuild SLA clocks from the audit trail, report differences
latitude migrate                       apply database migrations
latitude demo [--if-empty]             load the demo organisation
latitude createadmin                   create an administrator interactively
latitude token create EMAIL [--name N] print a new personal API token
latitude compilemessages               compile the translation catalogues
latitude <any manage.py command>       passed through to Django
"""

import os
import sys

from django.core.management import execute_from_command_line


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "latitude.settings")
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in {"-h", "--help", "help"}:
        print(__doc__)  # noqa: T201
        return
    execute_from_command_line(["latitude", *args])


if __name__ == "__main__":
    main()
