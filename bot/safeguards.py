"""Everything scripts/rasa_server.py installs into the Rasa process before it starts
(issue 5): masking of personal numbers, the input guard, the apology when the action
server fails, the exposure checks on the `rasa run` arguments, the session idle time, and speed-ups."""
from __future__ import annotations

import os
from typing import List

from bot import exposure, input_guard, privacy, resilience, sessions, speedups


def install(argv: List[str]) -> List[str]:
    """Patch Rasa in this process; return the (checked) arguments after `rasa`."""
    argv = exposure.checked_run_args(argv)
    privacy.install()
    input_guard.install()
    resilience.install()
    sessions.install()
    if os.environ.get("RASA_SPEEDUPS", "1") != "0":     # 0: measure Rasa without them
        speedups.install(serving=bool(argv) and argv[0] == "run")
    return argv
