"""Debian's chromium, as the browser tests and the reader's browser benchmark launch it
(headless; never a downloaded browser; nothing that reaches the network)."""

import os

CHROMIUM = os.environ.get("EDITORIAL_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
