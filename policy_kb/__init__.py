"""钱塘区技能人才政策 knowledge base and deterministic eligibility engine."""
from .engine import decide
from .schema import FactsError

__all__ = ["decide", "FactsError"]
