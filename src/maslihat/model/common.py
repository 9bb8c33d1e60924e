"""Building blocks shared by every model: a frozen strict base, ISO dates, KATO codes.

Values are taken as the JSON Schemas type them, never coerced. Dates must be written
as ISO `YYYY-MM-DD` strings (or be `date` objects): pydantic would otherwise accept an
integer as a Unix timestamp, so `born: 1985` would quietly mean 1 January 1970. Counts
are integers (not `true`, `"31"` or `31.0`), and a KATO code is text: a number is
refused with a hint to quote it, since YAML reads an unquoted code as a number and a
leading zero would be lost.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictInt,
    StringConstraints,
)
from pydantic_core import PydanticCustomError

from maslihat.wording import described, name_pattern, no_such_day, say

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class Frozen(BaseModel):
    """Immutable, closed model: unknown keys are errors, instances are hashable values."""

    # Each model builds its validator when first used, not when its class is defined:
    # a command builds only the ones it needs (`maslihat evaluate` never validates an
    # event model alone, only the case that holds it, nor any rule-file model).
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


def refusal(code: str, key: str, /, **fields: Any) -> PydanticCustomError:
    """A validation error of type `code`, worded by the message `key` of the catalogue.

    The words ride in the error's context as `said`, so that the reader of validation
    errors (`source/locate.py`) hands on the message itself, able to be worded in
    another language, rather than pydantic's English copy of it.
    """
    return PydanticCustomError(code, "{said}", {**fields, "said": say(key, **fields)})


def _iso_date(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        raise refusal("date_type", "date_and_time")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            reason = no_such_day(value)
            raise refusal("date_invalid", "date_invalid", value=value, reason=reason) from None
    raise refusal("date_type", "date_expected", found=described(value))


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
"""A calendar date written `YYYY-MM-DD`."""


def _kato_is_text(value: Any) -> Any:
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise refusal("kato_type", "kato_type", value=str(value))
    return value


KATO_PATTERN = name_pattern(r"^[1-9]\d{8}$", "kato_pattern")
"""Nine digits, the first not 0: the form of a KATO code."""

Kato = Annotated[
    str,
    BeforeValidator(_kato_is_text),
    StringConstraints(strict=True, pattern=KATO_PATTERN),
]
"""A 9-digit KATO code of an administrative-territorial unit or settlement, as text."""

Count = Annotated[StrictInt, Field(ge=0)]
"""A number of people or votes: an integer, 0 or more; `true`, `"3"` and `3.0` are not."""

PositiveCount = Annotated[StrictInt, Field(gt=0)]
"""A count that cannot be 0, such as the seats of a mäslihat."""

Text = Annotated[str, StringConstraints(strict=True, min_length=1)]
"""Non-empty text; numbers and booleans are not silently turned into text."""


def _alpha2(value: str) -> str:
    if len(value) == 2 and value.isascii() and value.isalpha() and value.isupper():
        return value
    raise refusal("country_code", "country_code", value=value)


CountryCode = Annotated[str, StringConstraints(strict=True), AfterValidator(_alpha2)]
"""An ISO 3166 alpha-2 country code in capitals, such as `KZ`."""
