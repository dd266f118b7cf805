"""Exceptions of the library. The CLI turns them into messages; the batch goes on."""

from __future__ import annotations

import os

__all__ = [
    "VntasksError",
    "InputError",
    "EmptyDocument",
    "UnsupportedFormat",
    "FileTooLarge",
    "CorruptFile",
    "EncryptedFile",
    "DecodingError",
    "ToolMissing",
    "NoTextLayer",
    "ExportError",
    "OutputError",
    "LimitExceeded",
    "WorkerDied",
]


class VntasksError(Exception):
    """Base class of every error this package raises on purpose."""


class InputError(VntasksError):
    """A document could not be read. The message names the file, the problem and what to do."""

    def __init__(self, path: str | os.PathLike, problem: str, hint: str = ""):
        self.path, self.problem, self.hint = str(path), problem, hint
        super().__init__(f"{path}: {problem}" + (f" — {hint}" if hint else ""))


class EmptyDocument(InputError):
    pass


class UnsupportedFormat(InputError):
    pass


class FileTooLarge(InputError):
    pass


class CorruptFile(InputError):
    pass


class EncryptedFile(InputError):
    pass


class DecodingError(InputError):
    pass


class ToolMissing(InputError):
    pass


class NoTextLayer(InputError):
    pass


class LimitExceeded(InputError):
    """A document went over a resource limit (time, size); the message names the flag that raises it."""


class WorkerDied(InputError):
    """The worker process extracting a document died (OOM kill, a crash in a C library)."""


class ExportError(VntasksError):
    """A table could not be written (the others were); the message names the file and the cause."""


class OutputError(VntasksError):
    """The output folder cannot be used (it is a file, or cannot be created or written)."""


class ModelError(VntasksError):
    """The classifier file exists but cannot be used (corrupt, untrusted types, another kind of
    object); the message says how to retrain it or run without it."""


class TrainingError(VntasksError):
    """The segment classifier cannot be trained as asked (no annotated documents, the sealed split)."""
