"""Reader of legacy .doc files through antiword (it keeps TCVN3's ư byte 0xAD that catdoc drops);
its `|`-framed tables become `` | ``-joined rows."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from ..errors import CorruptFile, EncryptedFile, ToolMissing, UnsupportedFormat
from .legacy import convert_legacy
from .raw import RawText

__all__ = ["read_doc", "antiword_tables", "tool_message", "DOC_TIMEOUT"]

DOC_TIMEOUT = 120

_ANTIWORD_ROW = re.compile(r"^\|(.*)\|[ \t]*$")
_ANTIWORD_PIC = re.compile(r"^\s*\[pic\]\s*$")


def antiword_tables(text: str) -> str:
    """antiword draws a table row as ``|cell   |cell   |``: make it `` | ``-joined."""
    out = []
    for line in text.split("\n"):
        if _ANTIWORD_PIC.match(line):
            continue
        m = _ANTIWORD_ROW.match(line)
        if m:
            cells = [c.strip() for c in m.group(1).split("|")]
            cells = [c for c in cells if c]
            if cells:
                out.append(" | ".join(cells))
            continue
        out.append(line)
    return "\n".join(out)


# antiword's complaints about its own setup, not about the document
_ANTIWORD_NOISE = re.compile(
    r"^(?:I can't find the name of your HOME directory|"
    r"I can't open your mapping file|.*\.antiword.*)$",
    re.IGNORECASE,
)


def tool_message(stderr: bytes) -> str:
    lines = [ln.strip() for ln in stderr.decode("utf-8", errors="replace").splitlines()]
    return " ".join(ln for ln in lines if ln and not _ANTIWORD_NOISE.match(ln))


def read_doc(path: Path, data: bytes) -> RawText:
    """Legacy Word 97–2003 through antiword (keeps U+00AD, TCVN3's ư, which catdoc drops)."""
    if data[:8] != b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        if data[:2] == b"PK":
            raise UnsupportedFormat(path, "a .docx (zip) file named .doc", "rename it to .docx")
        if data[:5] == b"{\\rtf":
            raise UnsupportedFormat(path, "an RTF file named .doc", "open it in Word and save it as .docx")
        raise CorruptFile(path, "not a Word 97–2003 file (no OLE header)", "check the extension, or save it as .docx")
    tool = shutil.which("antiword")
    if not tool:
        raise ToolMissing(path, "legacy .doc needs antiword", "apt-get install antiword, or save the file as .docx")
    env = {
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME") or "/nonexistent",
    }
    if os.environ.get("ANTIWORDHOME"):
        env["ANTIWORDHOME"] = os.environ["ANTIWORDHOME"]
    try:
        res = subprocess.run([tool, "-w", "0", "-m", "UTF-8.txt", str(path)], capture_output=True, timeout=DOC_TIMEOUT, env=env)
    except subprocess.TimeoutExpired as exc:
        raise CorruptFile(path, f"antiword did not finish in {DOC_TIMEOUT} s", "save the file as .docx") from exc
    err = tool_message(res.stderr)
    if res.returncode != 0 or not res.stdout.strip():
        if "encrypt" in err.lower() or "password" in err.lower():
            raise EncryptedFile(path, "the .doc is password-protected", "save an unprotected copy")
        raise CorruptFile(path, f"antiword cannot read it ({err[:200] or 'no text'})", "open and re-save it as .docx")
    text = antiword_tables(res.stdout.decode("utf-8", errors="replace"))
    warnings = []
    text, enc = convert_legacy(text)
    if enc:
        warnings.append(f"legacy encoding converted to Unicode: {enc}")
    return RawText(text=text, format="doc", warnings=tuple(warnings))
