"""The app's routers, one module per page or area."""
from web.pages import (accounts, analytics, apikeys, auth, calendar, calendar_schedules, composer, imports, operator,
                       posts, revenue, settings, team)

ROUTERS = [auth.router, accounts.router, composer.router, calendar.router, calendar_schedules.router, imports.router,
           analytics.router, revenue.router, posts.router, team.router, apikeys.router, settings.router,
           operator.router, operator.api]
