"""Issue 8 point 5: a learned alternative for speaker and subject, measured against the rules.

    python -m tests.understanding.classifier_baseline

A character 1–3-gram TF-IDF logistic regression (scikit-learn, installed with Rasa), trained on
every dev corpus except the two newest held-out rounds (dev11, dev12), with the context's subject
as a feature. It prints, per corpus, the rules' accuracy, the classifier's, and the rules with
the classifier overriding them when it is at least THRESHOLD sure (threshold chosen on dev11 and
dev12 only). The product keeps the rules unless this beats them on the frozen split.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

HERE = Path(__file__).parent
HELD_OUT = ("dev11.yml", "dev12.yml")
THRESHOLD = 0.8


def _messages(path: Path) -> list:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    ref = dt.date.fromisoformat(str(data.get("reference_date") or "2026-11-27"))
    return [(m, ref) for m in data["messages"]]


def main() -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    from understanding import understand
    from understanding.textnorm import normalise

    def features(m):
        return normalise(m["text"]) + " |ctx:" + str((m.get("context") or {}).get("subject"))

    train = [x for p in sorted(HERE.glob("dev*.yml")) if p.name not in HELD_OUT for x in _messages(p)]
    corpora = [HERE / name for name in HELD_OUT] + [HERE / "frozen/test.yml"]
    readings = {}
    for key in ("speaker", "subject"):
        vec = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), min_df=2, sublinear_tf=True)
        clf = LogisticRegression(max_iter=2000, C=5).fit(vec.fit_transform([features(m) for m, _ in train]),
                                                         [str(m.get(key)) for m, _ in train])
        for path in corpora:
            rows = _messages(path)
            right = {"rules": 0, "classifier": 0, "rules+sure classifier": 0}
            for m, ref in rows:
                ctx = m.get("context") or {}
                if (path, m["id"]) not in readings:
                    readings[path, m["id"]] = understand(m["text"], ref, pending=ctx.get("pending"),
                                                         subject=ctx.get("subject"))
                rule, want = str(getattr(readings[path, m["id"]], key)), str(m.get(key))
                p = clf.predict_proba(vec.transform([features(m)]))[0]
                guess, sure = clf.classes_[p.argmax()], p.max()
                right["rules"] += rule == want
                right["classifier"] += guess == want
                right["rules+sure classifier"] += (guess if sure >= THRESHOLD else rule) == want
            print(f"{key:8} {path.relative_to(HERE)}: " + ", ".join(f"{k} {v / len(rows):.1%}" for k, v in right.items()))


if __name__ == "__main__":
    main()
