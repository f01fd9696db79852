"""Addresses the assistant gives out (configured by the deployment, not written in the KB)."""
from __future__ import annotations

import os


def roster_url() -> str:
    """Where HR officers upload a roster (the web server's /roster page; PUBLIC_WEB_URL in production)."""
    return os.environ.get("PUBLIC_WEB_URL", "http://localhost:8080").rstrip("/") + "/roster"
