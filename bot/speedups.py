"""Work Rasa 3.6 repeats on every message although the result never changes (found by
profiling `make load`, see docs/performance.md). Installed by bot/safeguards.py.

- RemoteAction._validate_action_result calls jsonschema.validate, which first checks the
  (large, constant) events *schema* itself: ~170 ms of CPU per custom action call. The
  schema is checked once here and a ready validator reused; the response is still
  validated, with the same error.
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
        error = best_match(validator.iter_errors(result))      # what jsonschema.validate raises
        if error is None:
            return True
        error.message += (". Failed to validate Action server response from API, make sure your "
                          f"response from the Action endpoint is valid. See {DOCS_BASE_URL}/custom-actions")
        raise error

    _validate_action_result.cached_schema = True
    RemoteAction._validate_action_result = _validate_action_result


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


def install() -> None:
    install_action_response_validator()
    install_event_type_cache()
