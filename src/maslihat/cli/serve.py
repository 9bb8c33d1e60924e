"""`maslihat serve`: the HTTP service, for tools not written in Python (docs/embedding.md).

The web stack is imported only when the command runs, so that every other command
starts as fast as it did without it.
"""

from __future__ import annotations

from pathlib import Path

import click

from maslihat.audit.casetests import case_test_files, load_case_test
from maslihat.cli.main import fail, main, rules_from, rules_option
from maslihat.errors import InputError


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
@rules_option
@click.option(
    "--max-body",
    type=click.IntRange(min=1),
    help="Largest request body accepted, in bytes (default: 1 MiB); in a batch, largest line.",
)
@click.option(
    "--case-tests",
    "case_test_paths",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Case-test files or directories that GET /v1/audit measures the rules against.",
)
def serve(
    host: str,
    port: int,
    rules_dir: Path | None,
    max_body: int | None,
    case_test_paths: tuple[Path, ...],
) -> None:
    """Answer evaluation requests over HTTP until stopped (Ctrl+C)."""
    import uvicorn

    from maslihat.service import create_app

    rules = rules_from(rules_dir)
    try:
        tests = [load_case_test(path) for path in case_test_files(case_test_paths)]
    except InputError as error:
        fail(error)
        return
    app = create_app(rules, max_body=max_body, case_tests=tests)
    uvicorn.run(app, host=host, port=port)
