"""The service's pages for people: a workbench at `/`, the rules, the audit, the API docs.

Everything a browser needs is served from the package (templates rendered with jinja2,
plain JavaScript and CSS, and Swagger UI and ReDoc from the `fastapi-offline`
distribution), so the pages work on a machine with no network. The pages call the same
JSON endpoints as any client; nothing here evaluates a case itself.
"""

from maslihat.service.web.routes import install

__all__ = ["install"]
