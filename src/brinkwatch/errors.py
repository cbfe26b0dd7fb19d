"""One exception tree for brinkwatch, every message in one place with a stable code.

::

    BrinkwatchError
     ├── InputError            (E1xx) an input cannot be read; names the input (and line)
     │    ├── BinaryInput        E101
     │    ├── EmptyInput         E102
     │    ├── InputTooLarge      E103
     │    ├── MalformedLine      E104
     │    ├── UnreadableInput    E105
     │    ├── FetchFailed        E106
     │    └── ExtractionFailed   E107 an extractor failed on this document
     ├── ModelNotFound          (E201) the spaCy model is not installed
     ├── StoreError             (E3xx) the database cannot be opened or migrated
     ├── BenchmarkNotFound      (E401) no such benchmark, or its data is missing
     └── EngineUnavailable      (E501) e.g. Ray is not installed

The CLI turns these into one line on stderr and a non-zero exit code; nothing else does.
"""

from __future__ import annotations

__all__ = [
    "BenchmarkNotFound",
    "BinaryInput",
    "BrinkwatchError",
    "EmptyInput",
    "EngineUnavailable",
    "ExtractionFailed",
    "FetchFailed",
    "InputError",
    "InputTooLarge",
    "MalformedLine",
    "ModelNotFound",
    "StoreError",
    "UnreadableInput",
]


class BrinkwatchError(Exception):
    code = "E000"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"{self.code} {self.message}"


class InputError(BrinkwatchError):
    """An input that cannot be used. ``origin`` names the file (and line)."""

    code = "E100"
    reason = "cannot be read"

    def __init__(self, origin: str, detail: str | None = None) -> None:
        self.origin = origin
        self.detail = detail
        text = f"{origin}: {self.reason}" + (f" ({detail})" if detail else "")
        super().__init__(text)


class BinaryInput(InputError):
    code = "E101"
    reason = "binary file, not text"


class EmptyInput(InputError):
    code = "E102"
    reason = "empty document"


class InputTooLarge(InputError):
    code = "E103"
    reason = "too large"


class MalformedLine(InputError):
    code = "E104"
    reason = "malformed record"


class UnreadableInput(InputError):
    code = "E105"
    reason = "cannot be read"


class FetchFailed(InputError):
    code = "E106"
    reason = "cannot be fetched"


class ExtractionFailed(InputError):
    """An extractor raised on one document; the run goes on with the others."""

    code = "E107"
    reason = "extraction failed"


class ModelNotFound(BrinkwatchError):
    code = "E201"

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(
            f"spaCy model {name!r} is not installed; run `make setup` or "
            f"`pip install <package providing {name}>`, or choose one with --model"
        )


class StoreError(BrinkwatchError):
    code = "E301"


class BenchmarkNotFound(BrinkwatchError):
    code = "E401"


class EngineUnavailable(BrinkwatchError):
    code = "E501"
