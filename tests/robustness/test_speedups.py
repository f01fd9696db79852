"""bot/speedups.py's faster equivalents must give exactly what Rasa's own code gives, on the
project's model and the real action server: DIET's single-message path (its input arrays and
outputs), DialogueStateTracker.applied_events, RulePolicy's dialogue states and
CountVectorsFeaturizer's sparse features, over conversations like `make bot-measure`'s (and,
for the features, every held-out NLU text)."""
from __future__ import annotations

import asyncio
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse
import yaml

from tests.bot.servers import MODEL, Stack

pytestmark = pytest.mark.skipif(not MODEL.exists(), reason="no trained model: run `make train` (make test does)")

QUESTIONS = ["技能提升补贴要什么材料", "培训补贴电话多少", "/affirm", "你好"]
CHECK = ["我能申请哪些补贴", "个人", "我是高级技师，去年10月取证，社保交了8个月", "是的", "企业", "没有", "没有", "是"]


def same(a, b) -> bool:
    """Equal to the bit: dicts, lists and arrays (dtype, shape and values)."""
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)):
        return isinstance(b, (list, tuple)) and len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if a is None or b is None:
        return a is b
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        a, b = np.asarray(a), np.asarray(b)
        return a.dtype == b.dtype and a.shape == b.shape and np.array_equal(a, b)
    return a == b


def same_sparse(a, b) -> bool:
    """The same COO matrix: shape, dtype, rows, columns, values (with their dtypes), flags."""
    if a is None or b is None:
        return a is b
    return (type(a) is type(b) and isinstance(a, scipy.sparse.coo_matrix) and a.shape == b.shape
            and a.has_canonical_format == b.has_canonical_format
            and all(same(getattr(a, part), getattr(b, part)) for part in ("row", "col", "data")))


@pytest.fixture(scope="module")
def compared(tmp_path_factory):
    """Runs conversations through an in-process agent with the speed-ups, computing Rasa's
    own result beside each fast one; returns what was compared and what differed."""
    from rasa.core.agent import Agent
    from rasa.core.channels.channel import CollectingOutputChannel
    from rasa.core.policies.rule_policy import RulePolicy
    from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import CountVectorsFeaturizer
    from rasa.nlu.classifiers.diet_classifier import DIETClassifier
    from rasa.shared.core.trackers import DialogueStateTracker
    from rasa.utils.endpoints import EndpointConfig
    from rasa.utils.tensorflow.models import RasaModel

    from bot import speedups

    patched = [(DIETClassifier, "_predict"), (RasaModel, "_rasa_predict"),
               (DialogueStateTracker, "applied_events"), (RulePolicy, "_prediction_states"),
               (CountVectorsFeaturizer, "_create_features")]
    own = {(cls, name): cls.__dict__.get(name) for cls, name in patched}   # to restore
    rasa = {(cls, name): getattr(cls, name) for cls, name in patched}
    speedups.install_single_message_diet()
    speedups.install_applied_events_by_type()
    speedups.install_incremental_rule_states()
    speedups.install_direct_count_vectors()
    fast = {(cls, name): getattr(cls, name) for cls, name in patched}
    counts = {"diet": 0, "diet fast": 0, "applied": 0, "states": 0, "states extended": 0, "features": 0}
    differ: list = []

    def with_rasa(key, *args):
        """Rasa's own function, with Rasa's own callees (DIET's _predict calls _rasa_predict)."""
        current = {k: getattr(*k) for k in patched}
        for k in patched:
            setattr(k[0], k[1], rasa[k])
        try:
            return rasa[key](*args)
        finally:
            for k in patched:
                setattr(k[0], k[1], current[k])

    def diet_predict(self, message):
        counts["diet"] += 1
        counts["diet fast"] += speedups.diet_batch(message, self.component_config) is not None
        got = fast[(DIETClassifier, "_predict")](self, message)
        if not same(got, with_rasa((DIETClassifier, "_predict"), self, message)):
            differ.append(("DIET", message.get("text")))
        return got

    def applied_events(self):
        counts["applied"] += 1
        got = fast[(DialogueStateTracker, "applied_events")](self)
        want = with_rasa((DialogueStateTracker, "applied_events"), self)
        if len(got) != len(want) or any(a is not b for a, b in zip(got, want)):
            differ.append(("applied_events", self.sender_id, len(self.events)))
        return got

    def prediction_states(self, tracker, domain, use_text=False, rule_only_data=None):
        counts["states"] += 1
        before = speedups._REPLAYS.get(id(tracker))
        got = fast[(RulePolicy, "_prediction_states")](self, tracker, domain, use_text, rule_only_data)
        counts["states extended"] += before is not None and speedups._REPLAYS.get(id(tracker)) is before
        want = with_rasa((RulePolicy, "_prediction_states"), self, tracker, domain, use_text, rule_only_data)
        if got != want:
            differ.append(("RulePolicy states", tracker.sender_id, len(tracker.events), use_text))
        return got

    def create_features(self, attribute, all_tokens):
        got = fast[(CountVectorsFeaturizer, "_create_features")](self, attribute, all_tokens)
        counts["features"] += any(t for t in all_tokens)
        want = with_rasa((CountVectorsFeaturizer, "_create_features"), self, attribute, all_tokens)
        if not all(len(g) == len(w) and all(same_sparse(x, y) for x, y in zip(g, w)) for g, w in zip(got, want)):
            differ.append(("CountVectorsFeaturizer", attribute, all_tokens))
        return got

    stack = Stack(Path(tmp_path_factory.mktemp("speedups")))
    try:
        stack.start_actions()
        agent = Agent.load(str(MODEL), action_endpoint=EndpointConfig(
            f"http://127.0.0.1:{stack.actions_port}/webhook"))
        fast_with_checks = {(DIETClassifier, "_predict"): diet_predict,
                            (DialogueStateTracker, "applied_events"): applied_events,
                            (RulePolicy, "_prediction_states"): prediction_states,
                            (CountVectorsFeaturizer, "_create_features"): create_features}
        for (cls, name), function in fast_with_checks.items():
            setattr(cls, name, function)

        async def talk():
            for i, question in enumerate(QUESTIONS):
                await agent.handle_text(question, output_channel=CollectingOutputChannel(), sender_id=f"q{i}")
            for i in range(2):
                for text in CHECK:
                    await agent.handle_text(text, output_channel=CollectingOutputChannel(), sender_id=f"c{i}")
            for text in heldout_texts():
                await agent.parse_message(text)

        asyncio.run(talk())
    finally:
        stack.stop()
        for (cls, name), function in own.items():
            if function is None:
                delattr(cls, name)
            else:
                setattr(cls, name, function)
    return counts, differ


def heldout_texts() -> list:
    """The examples of tests/bot/nlu_heldout.yml (NLU format), brackets of entities removed."""
    import re
    data = yaml.safe_load((Path(__file__).resolve().parents[1] / "bot/nlu_heldout.yml").read_text(encoding="utf-8"))
    texts = [line[2:].strip() for item in data["nlu"] for line in item.get("examples", "").splitlines()
             if line.startswith("- ")]
    return [re.sub(r"\[([^\]]*)\]\([^)]*\)|\[([^\]]*)\]\{[^}]*\}", lambda m: m.group(1) or m.group(2), t)
            for t in texts]


def test_fast_paths_give_rasas_results(compared):
    counts, differ = compared
    assert not differ
    assert counts["diet"] >= 2 * len(CHECK) and counts["diet fast"] == counts["diet"]
    assert counts["applied"] > 0
    assert counts["states"] > 0 and counts["states extended"] > 0      # the incremental path ran
    assert counts["features"] >= 2 * len(heldout_texts())            # both featurizers, every text
