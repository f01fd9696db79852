"""The review desk's counts over the conversations shown: per day, most asked programmes and
aspects, fallback and 👎 rates, checks started and completed, programmes found eligible; as
JSON for the page and as CSV for a spreadsheet."""
from __future__ import annotations

import csv
import io
from collections import Counter

from .store import FLAGS
from .understood import aspect_titles, programme_names, question, read_all

DAY_COLUMNS = {"day": "日期", "conversations": "会话数", "messages": "用户消息数", "fallback": "没听懂（兜底）",
               "out_of_scope": "超出范围", "down": "“没帮助”（👎）数", "checks_started": "开始核对", "checks_completed": "完成核对"}


def turn_aspect(turn, day) -> str | None:
    tapped = next((e["value"] for e in turn.entities if e.get("entity") == "aspect"), None)
    return tapped or question(turn.text, day)["aspect"]


def counts(conversations: list, ratings: dict | None = None) -> dict:
    """`ratings`: {"up": n, "down": n} of the answers rated in these conversations."""
    read_all((t.text, c.day) for c in conversations for t in c.turns)
    days: dict = {}
    programmes, aspects, eligible = Counter(), Counter(), Counter()
    messages = fallback = 0
    for c in conversations:
        d = days.setdefault(c.day.isoformat(), Counter())
        d["conversations"] += 1
        d["checks_started"] += c.check_started
        d["checks_completed"] += c.check_completed
        d["down"] += len(c.feedback)
        for t in c.turns:
            d["messages"] += 1
            d["fallback"] += "fallback" in t.flags
            d["out_of_scope"] += "out_of_scope" in t.flags
            messages += 1
            fallback += bool(t.flags & {"fallback", "out_of_scope"})
            programmes.update(t.programmes())
            aspect = turn_aspect(t, c.day)
            if aspect:
                aspects[aspect] += 1
        eligible.update(str(n) for n in c.eligible)
    ratings = ratings or {}
    rated = ratings.get("up", 0) + ratings.get("down", 0)
    names, titles = programme_names(), aspect_titles()
    return {
        "conversations": len(conversations), "messages": messages,
        "fallback_rate": fallback / messages if messages else 0.0,
        "down_rate": ratings.get("down", 0) / rated if rated else 0.0,
        "rated": rated, "down": ratings.get("down", 0),
        "checks_started": sum(c.check_started for c in conversations),
        "checks_completed": sum(c.check_completed for c in conversations),
        "flags": {k: sum(k in c.flags for c in conversations) for k in FLAGS},
        "days": [{"day": day, **{k: n[k] for k in DAY_COLUMNS if k != "day"}} for day, n in sorted(days.items())],
        "programmes": [{"programme": p, "name": names.get(p, p), "count": n} for p, n in programmes.most_common(12)],
        "aspects": [{"aspect": a, "name": titles.get(a, a), "count": n} for a, n in aspects.most_common()],
        "eligible": [{"programme": p, "name": names.get(p, p), "count": n} for p, n in eligible.most_common()],
    }


def _csv(header: list, rows: list) -> str:
    out = io.StringIO()
    out.write("\ufeff")            # Excel reads UTF-8 only with the BOM
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def days_csv(figures: dict) -> str:
    return _csv(list(DAY_COLUMNS.values()), [[d[k] for k in DAY_COLUMNS] for d in figures["days"]])


def conversations_csv(conversations: list) -> str:
    names = programme_names()
    rows = []
    for c in conversations:
        rows.append([c.day.isoformat(), c.channel or "", len(c.turns),
                     "、".join(FLAGS[f] for f in FLAGS if f in c.flags),
                     "、".join(names.get(p, p) for p in c.programmes),
                     "是" if c.check_completed else ("中途放弃" if c.abandoned else ("是（未完成）" if c.check_started else "否")),
                     "、".join(names.get(str(p), str(p)) for p in c.eligible),
                     c.turns[0].text if c.turns else ""])
    return _csv(["日期", "渠道", "用户消息数", "问题", "涉及政策", "核对", "可申请的政策", "第一句话"], rows)
