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
echo "setup: ready (.venv, $(tesseract --version 2>&1 | head -1), languages: $(tesseract --list-langs 2>/dev/null | tail -n +2 | tr '\n' ' '))"
