#!/usr/bin/env bash
# Sets up camerale on a fresh Debian/Ubuntu machine: Tesseract with Italian data for
# scanned pages, then a virtual environment in .venv with camerale and its test tools.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v tesseract >/dev/null || ! tesseract --list-langs 2>/dev/null | grep -qx ita; then
  if [ "$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
    echo "setup: need root (or sudo) to install tesseract-ocr and tesseract-ocr-ita" >&2; exit 1
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq tesseract-ocr tesseract-ocr-ita >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
# Debian's chromium for the HTML report tests: Playwright drives /usr/bin/chromium (no browser download).
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
    echo "setup: need root (or sudo) to install chromium" >&2; exit 1
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi

.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test]'
# An editable install compiles nothing, and with PYTHONDONTWRITEBYTECODE set nothing caches camerale's
# compiled modules: every document worker would compile them from source again (about 0.05 CPU s of the
# 0.25 s a worker takes to start; more for the parsers it loads with its first document). Compiled once here;
# a module edited later is compiled in memory again until the next setup, as before.
.venv/bin/python -m compileall -q camerale extract normalize parse schemas store >/dev/null
echo "setup: ready (.venv, $(tesseract --version 2>&1 | head -1), languages: $(tesseract --list-langs 2>/dev/null | tail -n +2 | tr '\n' ' '))"
