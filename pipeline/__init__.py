"""vntasks: Vietnamese administrative documents → a structured task table.

>>> import pipeline
>>> result = pipeline.extract("data/raw/000_0aba8204a976d128.txt")   # a file
>>> result.tasks[["task_id", "text", "deadline"]]
>>> pipeline.extract_text("Kế hoạch đề ra 2 nhiệm vụ: tổ chức tập huấn; xây dựng tài liệu.").tasks
"""

__version__ = "0.2.0"

from .api import ExtractResult, extract, extract_many, extract_text, process_file, process_text  # noqa: E402
from .errors import InputError, ModelError, TrainingError, VntasksError  # noqa: E402

__all__ = [
    "extract",
    "extract_text",
    "extract_many",
    "process_file",
    "process_text",
    "ExtractResult",
    "VntasksError",
    "InputError",
    "ModelError",
    "TrainingError",
    "__version__",
]
