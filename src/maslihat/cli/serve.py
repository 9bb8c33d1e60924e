"""`maslihat serve`: the HTTP service, for tools not written in Python (docs/embedding.md).

The web stack is imported only when the command runs, so that every other command
starts as fast as it did without it.
"""

from __future__ import annotations

from pathlib import Path

import click

from maslihat.cli.main import main, rules_from


@main.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. The default answers this machine only; 0.0.0.0 answers all.",
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port to listen on.",
)
@click.option(
    "--rules",
    "rules_dir",
    type=click.Path(path_type=Path),
    help="Directory of rule files (default: the bundled rules).",
)
@click.option(
    "--max-body",
    type=click.IntRange(min=1),
    help="Largest request body accepted, in bytes (default: 1 MiB); in a batch, largest line.",
)
def serve(host: str, port: int, rules_dir: Path | None, max_body: int | None) -> None:
    """Answer evaluation requests over HTTP until stopped (Ctrl+C)."""
    import uvicorn

    from maslihat.service import create_app

    app = create_app(rules_from(rules_dir), max_body=max_body)
    uvicorn.run(app, host=host, port=port)
