"""The audit for people: pages in the language asked for; terminal and Markdown in English."""

from __future__ import annotations

import maslihat
from maslihat.audit import render
from maslihat.audit.report import build_report, shortfalls


def test_the_audit_pages_are_in_the_language_asked_for(rules: maslihat.RuleSet) -> None:
    """`audit --report --lang kk`: the pages' words are Kazakh, `<html lang="kk">`; the
    terminal text and Markdown stay English, and so do the shortfalls by default."""
    report = build_report(rules, [])
    page = render.html_page(report, rules, "kk")
    assert '<html lang="kk">' in page and "Ережелер аудиті" in page and "Rule audit" not in page
    pages = render.html_pages(report, rules, "ru")
    assert all('<html lang="ru">' in text for text in pages.values())
    assert "Rule audit" in render.markdown(report) and "Shortfalls" in render.text(report)
    assert shortfalls(report)[0].startswith("provision ")
    assert shortfalls(report, "ru")[0].startswith("норма ")


def test_the_terminal_summary_is_in_the_language_asked_for(rules: maslihat.RuleSet) -> None:
    """`audit --lang ru` prints its summary and shortfalls in Russian; English as before."""
    report = build_report(rules, [])
    russian = render.text(report, "ru")
    assert russian.startswith("Аудит правил sha256:") and "\n  нормы " in russian
    assert "Недостатки:" in russian
    english = render.text(report)
    assert english.startswith("Audit of rules sha256:") and "\n  provisions  " in english
