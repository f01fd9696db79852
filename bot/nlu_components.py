"""NLU components for Chinese (referenced from config.yml).

KBSpacyNLP: Rasa's SpacyNLP loading the project's own spaCy pipeline (understanding/nlp.py:
blank zh, jieba with the KB dictionary and every KB term kept whole, the KB EntityRuler, which
Rasa's copy switches off: it needs only the tokens) from bot/generated/spacy_zh, after
normalising the text (understanding/textnorm.py: no spaces — Rasa issue 7910 makes them
tokens; one between Chinese words becomes "，" —, half-width digits, Simplified
characters), so the tokenizer, the features and the entity extractor see one spelling of
every term. Importing understanding.nlp registers the pipeline's tokenizer with spaCy before
Rasa loads it.

LongestTermEntityExtractor: RegexEntityExtractor over the generated lookup tables,
keeping only the longest of overlapping matches across tables ("技能提升补贴" is a
programme, not also the level "技师" inside "技师补贴").
"""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.extractors.regex_entity_extractor import RegexEntityExtractor
from rasa.nlu.utils.spacy_utils import SpacyModel, SpacyNLP
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

import understanding.nlp  # noqa: F401  (registers the tokenizer the saved pipeline names)
from understanding.text import fix_typos, spaces_as_breaks
from understanding.textnorm import normalise


def _normalise(message: Message) -> None:
    """One spelling; a space between Chinese words kept as a clause break ("，"), since the
    actions read the message text as Rasa leaves it ("不是区人社局推荐的 能申请吗"). Typos are
    fixed before 繁→简 as well as after (as understanding.text.prepare does): "户藉" would become "户借"."""
    text = message.get(TEXT)
    if isinstance(text, str) and text and not text.startswith("/"):   # slash commands stay as they are
        message.set(TEXT, fix_typos(normalise(fix_typos(spaces_as_breaks(text)))) or text)


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.MODEL_LOADER, DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER],
    is_trainable=False, model_from="KBSpacyNLP")
class KBSpacyNLP(SpacyNLP):
    @staticmethod
    def load_model(spacy_model_name: Text) -> SpacyModel:
        if spacy_model_name and not (understanding.nlp.Path(spacy_model_name) / "meta.json").exists():
            understanding.nlp.build(understanding.nlp.Path(spacy_model_name))     # fresh checkout
        model = SpacyNLP.load_model(spacy_model_name)
        # Rasa reads only the tokens (SpacyTokenizer); no component here reads doc.ents (that
        # would be SpacyEntityExtractor), so the KB EntityRuler the actions and the hotline page
        # use is switched off in Rasa's copy (~0.3 ms a message).
        for name in ("entity_ruler",):
            if name in model.model.pipe_names:
                model.model.disable_pipe(name)
        return model

    def process_training_data(self, training_data: TrainingData, model: SpacyModel) -> TrainingData:
        for example in training_data.training_examples:
            if not example.get("entities"):     # annotated offsets must stay valid
                _normalise(example)
        return super().process_training_data(training_data, model)

    def process(self, messages: List[Message], model: SpacyModel) -> List[Message]:
        for message in messages:
            _normalise(message)
        return super().process(messages, model)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=True)
class LongestTermEntityExtractor(RegexEntityExtractor):
    def _extract_entities(self, message: Message) -> List[Dict[Text, Any]]:
        found = super()._extract_entities(message)
        found.sort(key=lambda e: (-(e["end"] - e["start"]), e["start"]))
        kept: List[Dict[Text, Any]] = []
        for ent in found:
            if all(ent["end"] <= k["start"] or ent["start"] >= k["end"] for k in kept):
                kept.append(ent)
        return sorted(kept, key=lambda e: e["start"])
