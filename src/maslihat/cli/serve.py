"""`maslihat serve`: the HTTP service, for tools not written in Python (docs/embedding.md).

The web stack is imported only when the command runs, so that every other command
starts as fast as it did without it. The rules and case tests are read here first,
so that bad ones stop the command with their exit code before anything listens.

With one worker the app is built here and handed to uvicorn. With more, uvicorn starts
each worker as a fresh process that must build its own app from an import string:
`worker_app`, a factory that reads the command's options from the environment
variable `OPTIONS` names, which this command sets and the workers inherit.
"""

from __future__ import annotations

import copy
import functools
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from maslihat.audit.casetests import LoadedFile, case_test_files, load_case_test
from maslihat.cli.helptext import Command
from maslihat.cli.language import FloatRange, IntRange, lang_option
from maslihat.cli.main import fail, rules_from, rules_option
from maslihat.errors import InputError
from maslihat.i18n import N_, Language

if TYPE_CHECKING:
    from fastapi import FastAPI

    from maslihat.rules.ruleset import RuleSet

OPTIONS = "MASLIHAT_SERVE_OPTIONS"
"""The environment variable that hands `serve`'s options to its worker processes."""
WORKER_APP = "maslihat.cli.serve:worker_app"


def _tests(options: dict[str, Any]) -> list[LoadedFile]:
    try:
        return [load_case_test(path) for path in case_test_files(options["case_tests"])]
    except InputError as error:
        fail(error)
        raise  # unreachable: fail() exits


def _app(rules: RuleSet, tests: list[LoadedFile], options: dict[str, Any]) -> FastAPI:
    from maslihat.service import create_app

    return create_app(
        rules,
        max_body=options["max_body"],
        case_tests=tests,
        body_timeout=options["body_timeout"],
        lang=options["lang"],
    )


def worker_app() -> FastAPI:
    """The app of one worker process, built from the options `serve` left in `OPTIONS`."""
    options = json.loads(os.environ[OPTIONS])
    rules = rules_from(None if options["rules"] is None else Path(options["rules"]))
    return _app(rules, _tests(options), options)


def _log_config() -> dict[str, Any]:
    """uvicorn's logging, with the service's own lines (`maslihat.*`) in the same form."""
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config["loggers"]["maslihat"] = {"handlers": ["default"], "level": "INFO", "propagate": False}
    return config


@click.command(cls=Command, help=N_("Answer evaluation requests over HTTP until stopped (Ctrl+C)."))
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help=N_("Address to listen on. The default answers this machine only; 0.0.0.0 answers all."),
)
@click.option(
    "--port",
    type=IntRange(0, 65535),
    default=8000,
    show_default=True,
    help=N_("Port to listen on."),
)
@rules_option
@click.option(
    "--max-body",
    type=IntRange(min=1),
    help=N_("Largest request body accepted, in bytes (default: 1 MiB); in a batch, largest line."),
)
@click.option(
    "--case-tests",
    "case_test_paths",
    multiple=True,
    type=click.Path(path_type=Path),
    help=N_("Case-test files or directories that GET /v1/audit measures the rules against."),
)
@click.option(
    "--workers",
    type=IntRange(min=1),
    default=1,
    show_default=True,
    help=N_("Worker processes, each with its own copy of the rules."),
)
@click.option(
    "--header-timeout",
    type=FloatRange(min=0, min_open=True),
    help=N_("Seconds a client has to send a request's headers, then it is cut off (default: 10)."),
)
@click.option(
    "--body-timeout",
    type=FloatRange(min=0, min_open=True),
    help=N_("Seconds a client has to send a body, or a batch line, then 408 (default: 30)."),
)
@lang_option
def serve(
    host: str,
    port: int,
    rules_dir: Path | None,
    max_body: int | None,
    case_test_paths: tuple[Path, ...],
    workers: int,
    header_timeout: float | None,
    body_timeout: float | None,
    lang: Language,
) -> None:
    """`maslihat serve`: the rules and case tests read first, then uvicorn runs the app."""
    import uvicorn

    from maslihat.service.connection import HEAD_TIMEOUT, HeadDeadline

    options = {  # as given: the workers start in this directory
        "rules": None if rules_dir is None else str(rules_dir),
        "max_body": max_body,
        "case_tests": [str(path) for path in case_test_paths],
        "body_timeout": body_timeout,
        "lang": lang,
    }
    rules, tests = rules_from(rules_dir), _tests(options)  # bad ones: exit before listening
    server: dict[str, Any] = {
        "host": host,
        "port": port,
        "log_config": _log_config(),
        # uvicorn calls whatever it is given to make a connection's protocol; it need
        # not be a class, and a partial keeps the option through to every worker.
        "http": functools.partial(HeadDeadline, head_timeout=header_timeout or HEAD_TIMEOUT),
    }
    if workers == 1:
        uvicorn.run(_app(rules, tests, options), **server)
        return
    os.environ[OPTIONS] = json.dumps(options)
    uvicorn.run(WORKER_APP, factory=True, workers=workers, **server)
