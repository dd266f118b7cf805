#!/usr/bin/env bash
# Set up vntasks on a fresh Debian machine: system tools (Tesseract OCR with Vietnamese data for
# scans; antiword for legacy .doc — it keeps TCVN3's ư byte 0xAD that catdoc drops; chromium and
# chromium-driver for the browser test of the review report; postgresql for the tests of
# `extract --db postgresql://…`, whose fixture starts a throw-away server on 127.0.0.1) and the package.
# Safe to run again; skips apt when not root or when the tools are already there.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr tesseract-ocr-vie)
command -v tesseract >/dev/null 2>&1 && ! tesseract --list-langs 2>/dev/null | grep -qx vie && need+=(tesseract-ocr-vie)
command -v antiword >/dev/null 2>&1 || need+=(antiword)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing Debian packages: ${need[*]}" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "setup: warning: missing ${need[*]} (scanned PDFs and .doc files will get a clear error; the report's browser test and the PostgreSQL tests are skipped outside CI); install them with apt-get" >&2
  fi
fi
python3 -m pip install -q --disable-pip-version-check -e ".[dev]" 2>&1 | grep -v "Running pip as the 'root' user" || true
python3 -c "import pipeline" 
