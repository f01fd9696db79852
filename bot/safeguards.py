"""Everything scripts/rasa_server.py installs into the Rasa process before it starts
(issue 5): masking of personal numbers, the input guard, the apology when the action
server fails, and the exposure checks on the `rasa run` arguments."""
from __future__ import annotations

from typing import List

from bot import exposure, input_guard, privacy, resilience


def install(argv: List[str]) -> List[str]:
    """Patch Rasa in this process; return the (checked) arguments after `rasa`."""
    argv = exposure.checked_run_args(argv)
    privacy.install()
    input_guard.install()
    resilience.install()
    return argv
