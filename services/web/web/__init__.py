"""The web app: server-rendered pages (FastAPI, Jinja2, htmx) over the four services' public HTTP APIs."""
