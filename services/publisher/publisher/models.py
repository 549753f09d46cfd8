"""Every table of the publisher schema, imported in one place for Alembic."""
from publisher.accounts.models import AccountCredentials, KnownAccount  # noqa: F401
from publisher.connections.models import Connection  # noqa: F401
from publisher.db import Base  # noqa: F401
from publisher.targets.models import PublishTarget  # noqa: F401
