"""Work Rasa 3.6 repeats on every message although the result never changes (found by
profiling `make load`, see docs/performance.md). Installed by bot/safeguards.py.

- RemoteAction._validate_action_result calls jsonschema.validate, which first checks the
  (large, constant) events *schema* itself: ~170 ms of CPU per custom action call, and
  then walks every event through a oneOf of all event types (~5 ms). Here a response of
  the right shape (a list of event objects each naming its type, a list of response
  objects) passes at once; anything else goes through the full schema, checked once, with
  Rasa's error. An event that passes the shape but not Rasa's deserialisation still fails
  the action, and bot/resilience.py then apologises instead of going silent.
- TensorFlow's thread pools cost more than they give for one small DIET inference per
  message on two cores: `rasa run` uses one intra-op and one inter-op thread (17.8 instead
  of 21.3 ms CPU per message), unless TF_INTRA_OP_PARALLELISM_THREADS /
  TF_INTER_OP_PARALLELISM_THREADS say otherwise. Training keeps TensorFlow's defaults.
- The loaded model leaves millions of long-lived Python objects; every full garbage
  collection walked them all, stalling every conversation at once. After the model is
  loaded they are frozen out of the collector's reach (gc.freeze).
- Event.resolve_by_type walks every Event subclass for every stored event each time a
  tracker is loaded; the type name → class answer is cached.
"""
from __future__ import annotations

from typing import Any, Dict, Optional, Text


def install_action_response_validator() -> None:
    from jsonschema import validators
    from jsonschema.exceptions import best_match
    from rasa.core.actions.action import DOCS_BASE_URL, RemoteAction

    if getattr(RemoteAction._validate_action_result, "cached_schema", False):
        return
    schema = RemoteAction.action_response_format_spec()
    cls = validators.validator_for(schema)
    cls.check_schema(schema)
    validator = cls(schema)

    def _validate_action_result(self, result: Dict[Text, Any]) -> bool:
        if _well_shaped(result):
            return True
        error = best_match(validator.iter_errors(result))      # what jsonschema.validate raises
        if error is None:
            return True
        error.message += (". Failed to validate Action server response from API, make sure your "
                          f"response from the Action endpoint is valid. See {DOCS_BASE_URL}/custom-actions")
        raise error

    _validate_action_result.cached_schema = True
    RemoteAction._validate_action_result = _validate_action_result


def _well_shaped(result: Any) -> bool:
    if not isinstance(result, dict):
        return False
    events, responses = result.get("events", []), result.get("responses", [])
    return (isinstance(events, list) and isinstance(responses, list)
            and all(isinstance(e, dict) and isinstance(e.get("event"), str) for e in events)
            and all(isinstance(r, dict) for r in responses))


def install_event_type_cache() -> None:
    from rasa.shared.core.events import Event

    original = Event.resolve_by_type
    if getattr(original, "cached", False):
        return
    found: Dict[Text, type] = {}

    def resolve_by_type(type_name: Text, default: Optional[type] = None) -> Optional[type]:
        cls = found.get(type_name)
        if cls is None:
            cls = original(type_name, default)
            if cls is not None and cls is not default:
                found[type_name] = cls
        return cls

    resolve_by_type.cached = True
    Event.resolve_by_type = staticmethod(resolve_by_type)


def single_threaded_tensorflow() -> None:
    """Read by Rasa's setup_tf_environment() when `rasa run` starts."""
    import os

    os.environ.setdefault("TF_INTRA_OP_PARALLELISM_THREADS", "1")
    os.environ.setdefault("TF_INTER_OP_PARALLELISM_THREADS", "1")


def freeze_after_model_load() -> None:
    import gc

    import rasa.core.run as run

    original = run.load_agent_on_start
    if getattr(original, "freezes", False):
        return

    async def load_agent_on_start(*args, **kwargs):
        agent = await original(*args, **kwargs)
        gc.collect()
        gc.freeze()
        return agent

    load_agent_on_start.freezes = True
    run.load_agent_on_start = load_agent_on_start


def install(serving: bool = True) -> None:
    install_action_response_validator()
    install_event_type_cache()
    if serving:
        single_threaded_tensorflow()
        freeze_after_model_load()
