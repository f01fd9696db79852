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
- DIET's prediction for one message went through the machinery built for training sets:
  RasaModelData (deep copies of every feature, scipy stacking, fake features, a batch
  generator), then TensorFlow's polymorphic-function dispatch, which re-derives and
  checks the input signature of every call (~5 ms CPU a message together). `rasa run`
  builds the same eight input arrays for the one message directly (the sparse sequence
  and sentence features stacked exactly as Rasa stacks them, the mask, the sequence
  length) and calls the one concrete function Rasa's `tf.function` traced, with tensors of
  its signature's dtypes. Any other shape of input (dense features, no features, another
  dtype) takes Rasa's own path. The arrays and the outputs are bit-identical to Rasa's
  (tests/robustness/test_speedups.py).
- MessageProcessor checks every parse result against the domain unless `Domain.is_empty()`,
  which built a new empty Domain for the comparison every time; the empty domain's dict is
  made once.
- DialogueStateTracker.applied_events (several times a message: the session check, every
  replay of the history) asked `isinstance` of every event against six event classes;
  Event is an ABC, so each check went through ABCMeta's Python-level hook. Here each event
  class is classified once (the same checks, in the same order) and the events are then
  walked exactly as Rasa walks them.
- RulePolicy computes the dialogue states of the whole history (a replay of every event of
  the session, and a state per action) three times a message: the text and the intent
  pass after the user's message, and again after the action. `rasa run` keeps, for the
  tracker being predicted on, the replay and the states it has made, and for the events
  appended since only replays those: the same states Rasa would compute, handed out as
  copies (Rasa edits the user part of them in place). The whole history is recomputed as
  Rasa does whenever the appended events could change which earlier events apply
  (restarts, session starts, reverts, loops) or the events are not simply longer.
- CountVectorsFeaturizer turns each message into its sparse features with scikit-learn's
  CountVectorizer.transform (validation, a CSR matrix, its indices sorted, then Rasa's
  conversion to COO), four times a message with the project's two featurizers: ~1.2 ms of
  the ~1.5 ms is that machinery, not the counting. `rasa run` counts the analyser's features
  exactly as CountVectorizer does (vocabulary_, the same analyser) and builds the COO matrix
  Rasa would hold directly: the same rows, columns (sorted in each row), counts, dtypes and
  shape (tests/robustness/test_speedups.py). Any other vectorizer takes Rasa's own path.
- EndpointConfig.request (every custom action call) opened a new aiohttp ClientSession, and so
  a new TCP connection to the action server, for each call: ~1.5 ms of Rasa's CPU and ~0.7 ms
  of the action server's per call beyond the request itself. `rasa run` keeps one session per
  event loop and endpoint settings (the same headers, auth and timeout Rasa gives each
  session; no connection limit and no cookies kept, as with a session per call), so idle
  connections are reused. An idle connection is dropped after KEPT_CONNECTION_SECONDS,
  well before Sanic's 5 s keep-alive closes it on the action server's side, so a request
  never goes out on a connection the server is closing; one the server closed (a restart) is
  noticed by aiohttp and replaced by a new one.
"""
from __future__ import annotations

import itertools
from typing import Any, Dict, List, Optional, Text, Tuple


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


def install_single_message_diet() -> None:
    import tensorflow as tf
    from keras.utils import tf_utils
    from rasa.nlu.classifiers.diet_classifier import DIETClassifier
    from rasa.shared.constants import DIAGNOSTIC_DATA
    from rasa.utils.tensorflow.models import RasaModel

    if getattr(DIETClassifier._predict, "single_message", False):
        return
    rasa_predict, rasa_model_predict = DIETClassifier._predict, RasaModel._rasa_predict

    def _predict(self, message):
        batch = diet_batch(message, self.component_config) if self.model is not None else None
        if batch is None:
            return rasa_predict(self, message)
        return self.model._rasa_predict(batch)     # what run_inference returns for one batch

    def _rasa_predict(self, batch_in):
        concrete = _concrete_predict_function(self, batch_in)
        if concrete is None:
            return rasa_model_predict(self, batch_in)
        function, specs = concrete
        tensors = [tf.constant(array, dtype=spec.dtype) for array, spec in zip(batch_in, specs)]
        outputs = tf_utils.sync_to_numpy_or_python_type(function._call_flat(tensors, function.captured_inputs))
        if DIAGNOSTIC_DATA in outputs:
            outputs[DIAGNOSTIC_DATA] = self._empty_lists_to_none_in_dict(outputs[DIAGNOSTIC_DATA])
        return outputs

    _predict.single_message = True
    DIETClassifier._predict = _predict
    RasaModel._rasa_predict = _rasa_predict


def _concrete_predict_function(model: Any, batch_in: Any) -> Optional[tuple]:
    """The concrete function behind the model's traced predict step and its input specs, if
    `batch_in` fits them exactly (numpy arrays of the same dtypes, ranks and fixed sizes);
    None before Rasa's first (tracing) call, when running eagerly, or when it does not fit."""
    import numpy as np

    polymorphic = model._tf_predict_step
    if polymorphic is None or model._run_eagerly or not model.prepared_for_prediction:
        return None
    found = _CONCRETE.get(id(polymorphic))
    if found is None or found[0] is not polymorphic:
        function = polymorphic.get_concrete_function()
        specs = function.structured_input_signature[0][0]
        found = _CONCRETE[id(polymorphic)] = (polymorphic, function, specs)
    _, function, specs = found
    if len(batch_in) != len(specs):
        return None
    for array, spec in zip(batch_in, specs):
        if (not isinstance(array, np.ndarray) or array.dtype != spec.dtype.as_numpy_dtype
                or array.ndim != spec.shape.rank
                or any(d is not None and d != n for d, n in zip(spec.shape.as_list(), array.shape))):
            return None
    return function, specs


_CONCRETE: Dict[int, tuple] = {}


def diet_batch(message: Any, config: Dict[Text, Any]) -> Optional[tuple]:
    """The input arrays Rasa's DIETClassifier._create_model_data and its batch generator make
    for one message at prediction (only the text attribute), when its text features are all
    sparse; None otherwise."""
    import numpy as np
    import scipy.sparse
    from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, FEATURE_TYPE_SEQUENCE, TEXT

    featurizers = config.get("featurizers") or []
    sequence, sentence = [], []
    for f in message.features:
        if f.attribute == TEXT and (not featurizers or f.origin in featurizers):
            if not f.is_sparse():
                return None
            if f.type == FEATURE_TYPE_SEQUENCE:
                sequence.append(f.features)
            elif f.type == FEATURE_TYPE_SENTENCE:
                sentence.append(f.features)
    if not sequence or not sentence:
        return None

    def values(matrices: list) -> list:
        """[indices, data, shape] of the matrices side by side (Features.combine_with_features
        in feature order, then RasaDataGenerator._scipy_matrix_to_values). For COO matrices
        (what CountVectorsFeaturizer gives) scipy's hstack concatenates the blocks' entries in
        block order, columns shifted by the widths before: done here without scipy's checks."""
        if any(m.shape[0] != matrices[0].shape[0] for m in matrices):
            return []
        if all(isinstance(m, scipy.sparse.coo_matrix) for m in matrices):
            shifts = np.cumsum([0] + [m.shape[1] for m in matrices[:-1]])
            row = np.concatenate([m.row for m in matrices]).astype(np.int64)
            col = np.concatenate([m.col.astype(np.int64) + shift for m, shift in zip(matrices, shifts)])
            data = np.concatenate([m.data for m in matrices])
            width = int(sum(m.shape[1] for m in matrices))
        else:
            combined = matrices[0]
            for more in matrices[1:]:
                combined = scipy.sparse.hstack([combined, more])
            combined = combined.tocoo()
            row, col, data, width = combined.row, combined.col, combined.data, combined.shape[1]
        indices = np.vstack([np.zeros_like(row), row, col]).T
        return [indices.astype(np.int64), data.astype(np.float32),
                np.array((1, matrices[0].shape[0], width)).astype(np.int64)]

    sequence_values, sentence_values = values(sequence), values(sentence)
    if not sequence_values or not sentence_values:
        return None
    mask = np.ones((1, 1, 1), np.float32)
    lengths = np.array([sequence_values[2][1]]).astype(np.float32)
    return (mask, *sentence_values, *sequence_values, lengths)


def install_empty_domain_once() -> None:
    from rasa.shared.core.domain import Domain

    if getattr(Domain.is_empty, "compares_once_made", False):
        return
    empty: List[Dict[Text, Any]] = []

    def is_empty(self) -> bool:
        if not empty:
            empty.append(Domain.empty().as_dict())
        return self.as_dict() == empty[0]

    is_empty.compares_once_made = True
    Domain.is_empty = is_empty


_RESET, _UNDO_ACTION, _UNDO_USER, _ACTION, _OTHER = range(1, 6)


_KINDS: Dict[type, Tuple[int, bool]] = {}


def _kind(cls: type) -> Tuple[int, bool]:
    """What DialogueStateTracker.applied_events does with an event of this class, and is it
    an ActiveLoop: Rasa's isinstance checks in Rasa's order, once per class."""
    found = _KINDS.get(cls)
    if found is None:
        from rasa.shared.core.events import (ActionExecuted, ActionReverted, ActiveLoop, Restarted,
                                             SessionStarted, UserUtteranceReverted)
        found = _KINDS[cls] = (
            _RESET if issubclass(cls, (Restarted, SessionStarted))
            else _UNDO_ACTION if issubclass(cls, ActionReverted)
            else _UNDO_USER if issubclass(cls, UserUtteranceReverted)
            else _ACTION if issubclass(cls, ActionExecuted)
            else _OTHER, issubclass(cls, ActiveLoop))
    return found


def install_applied_events_by_type() -> None:
    from rasa.shared.core.events import ActionExecuted, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    if getattr(DialogueStateTracker.applied_events, "by_type", False):
        return

    def applied_events(self) -> List[Any]:
        events = list(self.events)
        kinds = [_kind(type(event)) for event in events]
        loop_names = [event.name for event, (_, is_loop) in zip(events, kinds) if is_loop and event.name]
        applied: List[Any] = []
        for event, (what, _) in zip(events, kinds):
            if what == _RESET:
                applied = []
            elif what == _UNDO_ACTION:
                self._undo_till_previous(ActionExecuted, applied)
            elif what == _UNDO_USER:
                self._undo_till_previous(UserUttered, applied)
                self._undo_till_previous(ActionExecuted, applied)
            elif (what == _ACTION and event.action_name in loop_names
                  and not self._first_loop_execution_or_unhappy_path(event.action_name, applied)):
                self._undo_till_previous_loop_execution(event.action_name, applied)
            else:
                applied.append(event)
        return applied

    applied_events.by_type = True
    DialogueStateTracker.applied_events = applied_events


class _Replay:
    """One tracker's history replayed as Domain.states_for_tracker_history replays it (without
    ignore_rule_only_turns): the states at each applied ActionExecuted, the replayed tracker
    and the state after all of it."""

    def __init__(self, tracker: Any, domain: Any) -> None:
        import weakref

        self.tracker, self.domain, self.events = weakref.ref(tracker), domain, tracker.events
        self.states: List[Dict[Text, Any]] = []
        self.replayed = None
        for prior, _ in tracker.generate_all_prior_trackers():     # Rasa's own replay
            self.states.append(self.state(prior))
            self.replayed = prior
        self.final: Optional[Dict[Text, Any]] = self.states.pop()
        self.seen, self.last = len(tracker.events), tracker.events[-1] if tracker.events else None

    def state(self, prior: Any) -> Dict[Text, Any]:
        return self.domain._clean_state(self.domain.get_active_state(prior, omit_unset_slots=False))

    def extend(self, tracker: Any, domain: Any) -> bool:
        """Replay the events appended since; False if that would not give Rasa's states."""
        events = tracker.events
        if (self.tracker() is not tracker or domain is not self.domain or events is not self.events
                or events.maxlen is not None or len(events) < self.seen
                or (self.seen and events[self.seen - 1] is not self.last)):
            return False
        new = list(itertools.islice(events, self.seen, None))
        if any(_kind(type(event)) not in ((_OTHER, False), (_ACTION, False)) for event in new):
            return False        # restarts, session starts, reverts, loops: which events apply changes
        if any(_kind(type(event))[1] for event in events):
            return False        # a loop earlier: which earlier action events apply may change
        for event in new:
            if _kind(type(event))[0] == _ACTION:
                self.states.append(self.final if self.final is not None else self.state(self.replayed))
            self.replayed.update(event)
            self.final = None
        if self.final is None:
            self.final = self.state(self.replayed)
        self.seen, self.last = len(events), events[-1] if events else None
        return True

    def copies(self) -> List[Dict[Text, Any]]:
        return [{part: (dict(value) if isinstance(value, dict) else value) for part, value in state.items()}
                for state in (*self.states, self.final)]


_REPLAYS: Dict[int, _Replay] = {}       # id(tracker) → its replay, the last few trackers


def install_incremental_rule_states() -> None:
    from rasa.core.featurizers.tracker_featurizers import MaxHistoryTrackerFeaturizer
    from rasa.core.policies.rule_policy import RulePolicy

    if getattr(RulePolicy._prediction_states, "incremental", False):
        return
    rasa_prediction_states = RulePolicy._prediction_states

    def _prediction_states(self, tracker, domain, use_text_for_last_user_input=False, rule_only_data=None):
        featurizer = self.featurizer
        if type(featurizer) is not MaxHistoryTrackerFeaturizer or featurizer.max_history:
            return rasa_prediction_states(self, tracker, domain, use_text_for_last_user_input, rule_only_data)
        replay = _REPLAYS.pop(id(tracker), None)
        if replay is None or not replay.extend(tracker, domain):
            replay = _Replay(tracker, domain)
        _REPLAYS[id(tracker)] = replay          # most recent last
        while len(_REPLAYS) > 8:
            del _REPLAYS[next(iter(_REPLAYS))]
        # MaxHistoryTrackerFeaturizer.prediction_states as RulePolicy calls it (rule-only
        # turns and action_unlikely_intent kept, no max_history), on copies of the states
        states = replay.copies()
        featurizer._choose_last_user_input([states], use_text_for_last_user_input)
        return states

    _prediction_states.incremental = True
    RulePolicy._prediction_states = _prediction_states


def install_direct_count_vectors() -> None:
    from rasa.nlu.constants import DENSE_FEATURIZABLE_ATTRIBUTES
    from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import CountVectorsFeaturizer
    from sklearn.feature_extraction.text import CountVectorizer

    if getattr(CountVectorsFeaturizer._create_features, "direct", False):
        return
    rasa_create_features = CountVectorsFeaturizer._create_features

    def _create_features(self, attribute, all_tokens):
        vectorizer = self.vectorizers.get(attribute) if self.vectorizers else None
        if type(vectorizer) is not CountVectorizer or not getattr(vectorizer, "vocabulary_", None):
            return rasa_create_features(self, attribute, all_tokens)
        sequence_features, sentence_features = [], []
        for tokens in all_tokens:       # Rasa's loop, each transform + sort_indices + tocoo direct
            if not tokens:
                sequence_features.append(None)
                sentence_features.append(None)
                continue
            sequence_features.append(count_matrix(vectorizer, tokens))
            sentence_features.append(count_matrix(vectorizer, [" ".join(tokens)])
                                     if attribute in DENSE_FEATURIZABLE_ATTRIBUTES else None)
        return sequence_features, sentence_features

    _create_features.direct = True
    CountVectorsFeaturizer._create_features = _create_features


def count_matrix(vectorizer: Any, documents: List[Text]) -> Any:
    """vectorizer.transform(documents), its indices sorted, .tocoo(): what Rasa's
    CountVectorsFeaturizer makes of a fitted CountVectorizer (sklearn 1.1's _count_vocab with
    a fixed vocabulary, then binary), built without the CSR detour."""
    import numpy as np
    import scipy.sparse

    analyze, vocabulary = vectorizer.build_analyzer(), vectorizer.vocabulary_
    rows: List[int] = []
    columns: List[Any] = []
    counts: List[int] = []
    for row, document in enumerate(documents):
        counter: Dict[Any, int] = {}
        for feature in analyze(document):
            if feature in vocabulary:           # out-of-vocabulary features are ignored
                index = vocabulary[feature]
                counter[index] = counter.get(index, 0) + 1
        for index in sorted(counter):           # CSR sort_indices: columns ascending in a row
            rows.append(row)
            columns.append(index)
            counts.append(counter[index])
    if len(columns) > np.iinfo(np.int32).max:      # 64-bit indices: scikit-learn's own way
        matrix = vectorizer.transform(documents)
        matrix.sort_indices()
        return matrix.tocoo()
    data = np.array(counts, dtype=np.intc).astype(vectorizer.dtype)
    if vectorizer.binary:
        data.fill(1)
    return scipy.sparse.coo_matrix(
        (data, (np.array(rows, dtype=np.int32), np.array(columns, dtype=np.int32))),
        shape=(len(documents), len(vocabulary)), dtype=vectorizer.dtype)


KEPT_CONNECTION_SECONDS = 2.0       # < Sanic's KEEP_ALIVE_TIMEOUT (5 s) on the action server


class _KeptSession:
    """`async with` gives the kept session and leaves it open (Rasa's request closes its own)."""

    def __init__(self, session: Any) -> None:
        self.session = session

    async def __aenter__(self) -> Any:
        return self.session

    async def __aexit__(self, *exc_info: Any) -> None:
        return None


def install_kept_action_connections() -> None:
    import asyncio

    import aiohttp
    import rasa.utils.endpoints as endpoints

    EndpointConfig = endpoints.EndpointConfig
    if getattr(EndpointConfig.session, "kept", False):
        return
    rasa_session = EndpointConfig.session
    kept: Dict[tuple, Any] = {}

    def session(self):
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return rasa_session(self)
        auth = (aiohttp.BasicAuth(self.basic_auth["username"], self.basic_auth["password"])
                if self.basic_auth else None)
        timeout = endpoints.DEFAULT_REQUEST_TIMEOUT        # read per call, as Rasa reads it
        key = (id(loop), tuple(sorted((self.headers or {}).items())), auth, timeout)
        found = kept.get(key)
        if found is None or found.closed or found._loop is not loop:
            for other in [k for k, s in kept.items() if s._loop.is_closed()]:
                del kept[other]             # sessions of loops that have ended
            found = kept[key] = aiohttp.ClientSession(
                headers=self.headers, auth=auth, timeout=aiohttp.ClientTimeout(total=timeout),
                connector=aiohttp.TCPConnector(limit=0, keepalive_timeout=KEPT_CONNECTION_SECONDS),
                cookie_jar=aiohttp.DummyCookieJar())
        return _KeptSession(found)

    session.kept = True
    EndpointConfig.session = session


def install(serving: bool = True) -> None:
    install_action_response_validator()
    install_event_type_cache()
    if serving:
        single_threaded_tensorflow()
        freeze_after_model_load()
        install_sequential_graph_runner()
        skip_deepcopy_for_discarded_debug_logs()
        install_single_message_diet()
        install_empty_domain_once()
        install_applied_events_by_type()
        install_incremental_rule_states()
        install_direct_count_vectors()
        install_kept_action_connections()
