"""The HTTP service: maslihat for tools not written in Python (docs/embedding.md).

`create_app(rules)` builds the ASGI app; `maslihat serve` runs it with uvicorn. This
subpackage is imported only by those who serve, so the library and the other commands
do not pay for the web stack.
"""

from maslihat.service.app import create_app

__all__ = ["create_app"]
