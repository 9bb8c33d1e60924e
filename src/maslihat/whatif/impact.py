"""What an amendment means for the case tests: which it would break, which provisions it touches.

A drafter learns, before the law changes, which tests must be rewritten: those that
pass under the rules as they are and fail under the rules as amended. A test that
already fails is not the amendment's doing and is not listed.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import Field

from maslihat.audit.casetests import LoadedFile, run_file
from maslihat.i18n import DEFAULT_LANGUAGE, Language, translator
from maslihat.model.common import Frozen
from maslihat.rules.ruleset import RuleSet
from maslihat.whatif.diff import changed_versions, rule_versions
from maslihat.wording import in_language


class BrokenTest(Frozen):
    """A case test that passes now and would fail under the amended rules."""

    test: str = Field(description="`file-stem::test name`.")
    problems: tuple[str, ...]


class AmendmentImpact(Frozen):
    """The rule versions and provisions an amendment touches, and the tests it breaks."""

    before: str
    after: str
    versions: tuple[str, ...] = Field(description="Rule versions added, ended or changed.")
    provisions: tuple[str, ...] = Field(description="The provisions those versions encode.")
    broken: tuple[BrokenTest, ...]


def impact(
    before: RuleSet,
    after: RuleSet,
    loaded: Sequence[LoadedFile],
    lang: Language = DEFAULT_LANGUAGE,
) -> AmendmentImpact:
    """Run the case tests under both rule sets; name what changes (problems in `lang`)."""
    keys = sorted(changed_versions(before, after))
    old, new = rule_versions(before), rule_versions(after)
    provisions = sorted({p for k in keys for p in (new.get(k) or old[k]).provisions})
    broken = []
    for entry in loaded:
        for was, now in zip(run_file(entry, before), run_file(entry, after), strict=True):
            if was.passed and not now.passed:
                # The model keeps plain text, so each problem is worded in `lang` here,
                # while it is still a message that can be (wording.Said).
                problems = tuple(in_language(problem, lang) for problem in now.problems)
                broken.append(BrokenTest(test=now.id, problems=problems))
    return AmendmentImpact(
        before=before.fingerprint,
        after=after.fingerprint,
        versions=tuple(keys),
        provisions=tuple(provisions),
        broken=tuple(broken),
    )


def impact_text(report: AmendmentImpact, lang: Language = DEFAULT_LANGUAGE) -> str:
    """The impact as the audit's text report ends with it, in `lang`."""
    _ = translator(lang).gettext
    none = _("none")
    lines = [
        _("Amendment"),
        "  " + _("rules {before} → {after}").format(before=report.before, after=report.after),
        "  "
        + _("versions touched: {versions}").format(versions=", ".join(report.versions) or none),
        "  "
        + _("provisions touched: {provisions}").format(
            provisions=", ".join(report.provisions) or none
        ),
        "  " + _("case tests it would break: {count}").format(count=len(report.broken)),
    ]
    for test in report.broken:
        lines.append(f"    {test.test}")
        lines.extend(f"      {problem}" for problem in test.problems)
    return "\n".join(lines)
