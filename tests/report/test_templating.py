"""One template environment: escaping on, undefined names fail, other rooms share the base."""

from __future__ import annotations

import jinja2
import pytest

from maslihat.report.templating import environment, page_environment


def test_values_are_escaped_and_statuses_are_words() -> None:
    """Text from a case is escaped; the `status` filter gives evaluate's words."""
    template = environment().from_string("{{ name }} {{ s | status }}")
    assert template.render(name="<b>", s="termination_pending") == "&lt;b&gt; termination pending"


def test_an_undefined_name_fails() -> None:
    """A template asking for what it was not given fails instead of printing nothing."""
    with pytest.raises(jinja2.UndefinedError):
        environment().get_template("result.html").render()


def test_another_package_extends_the_shared_base() -> None:
    """A package's environment finds the shared `base.html` and style sheet too."""
    env = page_environment("maslihat.report")
    page = env.from_string('{% extends "base.html" %}{% block main %}hi{% endblock %}').render()
    assert "<style>" in page and "--covered" in page and "hi" in page


def test_each_language_has_its_environment_and_words() -> None:
    """Templates speak through gettext in the environment's language, with its dates."""
    import datetime as dt

    text = '{{ _("Timeline") }} {% trans date=d | day %}as of {{ date }}{% endtrans %}'
    day = dt.date(2022, 3, 1)
    assert environment().from_string(text).render(d=day) == "Timeline as of 2022-03-01"
    russian = environment("ru").from_string(text).render(d=day)
    assert russian.startswith("Хронология на 1 марта 2022")
    assert environment("kk").from_string("{{ lang }} {{ 's' | status }}").render() == "kk s"
    assert environment("kk") is environment("kk") is not environment("ru")
