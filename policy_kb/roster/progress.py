"""Progress of a roster run, stage by stage (reading, deciding, writing).

The run calls `progress.track(stage, items, total)` around each loop. Where the progress goes
depends on who runs it: a tqdm bar on a terminal, log lines otherwise (a cron job, a pipe, the
web server's log), or a callback (the web page's progress bar polls what the callback stored).
"""
from __future__ import annotations

import sys

STAGES = {"read": "读取花名册", "decide": "逐行预审", "write": "写出报告"}
LOG_MIN_ROWS = 1000      # smaller files are done before a log line could help anyone
LOG_STEPS = 10           # log lines per stage: every 10 %


class Progress:
    """Silent by default; `report(stage, done, total)` is called about every 1 % of a stage."""

    def __init__(self, report=None):
        self.report = report

    def track(self, stage: str, items, total: int | None):
        if self.report is None:
            yield from items
            return
        step = max(1, (total or 0) // 100) if total else 1000
        done = 0
        self.report(stage, 0, total)
        for item in items:
            yield item
            done += 1
            if done % step == 0:
                self.report(stage, done, total)
        self.report(stage, done, total or done)


class LogProgress(Progress):
    """One line per 10 % of a stage on `stream` (files of LOG_MIN_ROWS rows or more)."""

    def __init__(self, stream=sys.stderr):
        self.stream, self.shown = stream, {}
        super().__init__(self._line)

    def _line(self, stage: str, done: int, total: int | None) -> None:
        if not total or total < LOG_MIN_ROWS:
            return
        tenth = done * LOG_STEPS // total
        if done and tenth > self.shown.get(stage, 0):
            self.shown[stage] = tenth
            print(f"{STAGES[stage]}：{done * 100 // total}%（{done}/{total} 行）", file=self.stream, flush=True)


class BarProgress(Progress):
    """A tqdm bar per stage, for a person watching a terminal."""

    def __init__(self, stream=sys.stderr):
        super().__init__()
        self.stream = stream

    def track(self, stage: str, items, total: int | None):
        from tqdm import tqdm

        yield from tqdm(items, desc=STAGES[stage], total=total, unit="行", file=self.stream, leave=False)


def for_stream(stream=sys.stderr) -> Progress:
    """A bar on a terminal, log lines anywhere else."""
    return BarProgress(stream) if stream.isatty() else LogProgress(stream)
