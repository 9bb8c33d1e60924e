"""Reading YAML and JSON documents while remembering where every value came from."""

from maslihat.source.document import Document, load_document, parse_document
from maslihat.source.limits import MAX_BYTES, MAX_DEPTH, MAX_DIGITS
from maslihat.source.locate import issues_from_validation_error

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_DIGITS",
    "Document",
    "issues_from_validation_error",
    "load_document",
    "parse_document",
]
