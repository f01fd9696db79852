"""Two small NLU components for Chinese (referenced from config.yml).

NormalisingJiebaTokenizer: the JiebaTokenizer with the KB user dictionary, after
normalising the text (understanding/textnorm.py: no spaces — Rasa issue 7910 makes them
tokens —, half-width digits, Simplified characters), so features and the entity
extractor see one spelling of every term.

LongestTermEntityExtractor: RegexEntityExtractor over the generated lookup tables,
keeping only the longest of overlapping matches across tables ("技能提升补贴" is a
programme, not also the level "技师" inside "技师补贴").
"""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.extractors.regex_entity_extractor import RegexEntityExtractor
from rasa.nlu.tokenizers.jieba_tokenizer import JiebaTokenizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from understanding.textnorm import normalise


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=True)
class NormalisingJiebaTokenizer(JiebaTokenizer):
    @staticmethod
    def _normalise(message: Message) -> None:
        text = message.get(TEXT)
        if isinstance(text, str) and text:
            # Keep slash commands (button payloads) as they are.
            if not text.startswith("/"):
                message.set(TEXT, normalise(text) or text)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        for example in training_data.training_examples:
            if not example.get("entities"):     # annotated offsets must stay valid
                self._normalise(example)
        return super().process_training_data(training_data)

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            self._normalise(message)
        return super().process(messages)


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
