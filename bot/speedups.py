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
- Every graph run (NLU once a message, the policies once per predicted action) went through
  dask's scheduler (task ordering, a thread pool's futures and queues): ~3 ms CPU a message.
  `rasa run` runs the nodes one after the other in an order computed once per set of
  targets, each node given its parents' outputs exactly as dask passes them; errors are
  raised as Rasa's runner raises them. Training keeps dask.
- rasa.core.processor and rasa.core.policies.rule_policy deep-copy the events, slot values
  and dialogue states of every turn only to hand them to `structlogger.debug`, which
  discards them unless Rasa logs at DEBUG (~1 ms CPU a message). In those two modules
  `copy.deepcopy` is skipped unless the "rasa" logger is enabled for DEBUG (`--debug`);
  nothing else in them deep-copies.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text


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


def install_sequential_graph_runner() -> None:
    import logging

    from rasa.engine.exceptions import GraphRunError
    from rasa.engine.runner.dask import DaskGraphRunner

    if getattr(DaskGraphRunner.run, "sequential", False):
        return
    logger = logging.getLogger("rasa.engine.runner.dask")

    def run(self, inputs: Optional[Dict[Text, Any]] = None,
            targets: Optional[List[Text]] = None) -> Dict[Text, Any]:
        run_targets = targets if targets else self._graph_schema.target_names
        orders = self.__dict__.setdefault("_sequential_orders", {})
        order = orders.get(tuple(run_targets))
        if order is None:
            order = orders[tuple(run_targets)] = _run_order(self._graph_schema, run_targets)
        inputs = inputs or {}
        results: Dict[Text, Any] = {}
        for name, value in inputs.items():
            if isinstance(value, str) and value in order:     # the check of DaskGraphRunner
                raise GraphRunError(f"Input value '{value}' clashes with a node name. Make sure that "
                                    f"none of the input names passed to the `run` method are the same "
                                    f"as node names in the graph schema.")
            results[name] = (name, value)       # as dask hands an input to the nodes needing it
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug(f"Running graph with inputs: {inputs}, targets: {targets} and {self._execution_context}.")
        try:
            for name in order:
                if name not in inputs:          # an input replaces a node of the same name, as in dask
                    needs = self._graph_schema.nodes[name].needs.values()
                    results[name] = self._instantiated_nodes[name](*(results.get(n, n) for n in needs))
            return dict(results[t] for t in run_targets)
        except RuntimeError as e:
            raise GraphRunError("Error running runner.") from e

    run.sequential = True
    DaskGraphRunner.run = run


def _run_order(schema: Any, targets: List[Text]) -> List[Text]:
    """The targets' ancestors and the targets, each after the nodes it needs."""
    order: List[Text] = []

    def visit(name: Text) -> None:
        if name in order or name not in schema.nodes:       # placeholders are inputs
            return
        for need in schema.nodes[name].needs.values():
            visit(need)
        order.append(name)

    for target in targets:
        visit(target)
    return order


def skip_deepcopy_for_discarded_debug_logs() -> None:
    import copy
    import logging
    import types

    import rasa.core.policies.rule_policy as rule_policy
    import rasa.core.processor as processor

    rasa_logger = logging.getLogger("rasa")

    def deepcopy(value: Any, memo: Optional[dict] = None) -> Any:
        return copy.deepcopy(value, memo) if rasa_logger.isEnabledFor(logging.DEBUG) else value

    for module in (processor, rule_policy):
        if getattr(module.copy, "skips_deepcopy", False):
            continue
        shim = types.ModuleType("copy")
        shim.__dict__.update(copy.__dict__)
        shim.deepcopy, shim.skips_deepcopy = deepcopy, True
        module.copy = shim


def install(serving: bool = True) -> None:
    install_action_response_validator()
    install_event_type_cache()
    if serving:
        single_threaded_tensorflow()
        freeze_after_model_load()
        install_sequential_graph_runner()
        skip_deepcopy_for_discarded_debug_logs()
