"""The roster page (/roster) for HR officers: the template, an upload, a job with progress, the
summary and the report — `policy_kb.roster.precheck`, the same run as the command line.

    GET  /roster                      the page
    GET  /roster/template.xlsx        the blank template
    POST /api/roster                  multipart: roster (.xlsx/.csv), as_of (optional) → {"job": id}
    GET  /api/roster/{job}            state, stage, percent; then the summary, or the error in Chinese
    GET  /roster/report/{job}         the report (xlsx)

Settings (environment): ROSTER_MAX_UPLOAD_MB (default 20), ROSTER_KEEP_UPLOADS=1 keeps the uploaded
files under var/roster/ (by default each is deleted as soon as its report is written), ROSTER_DIR.
Reports are deleted REPORT_TTL seconds after they were written. Logs name jobs and counts only —
never a person's name or 身份证号.
"""
from __future__ import annotations

import asyncio
import logging
import os
import re
import secrets
import shutil
import time
from pathlib import Path
from urllib.parse import quote

from aiohttp import web

from policy_kb.roster import RosterError, precheck, write_template
from policy_kb.roster.checks import mask_id
from policy_kb.roster.progress import STAGES, Progress
from policy_kb.roster.report import ALL_ROWS, SUMMARY_HEADERS, TOTAL

from .server import _error, _json, _page     # server.make_app imports this module, after these exist

ROOT = Path(__file__).resolve().parent.parent.parent
REPORT_TTL = 3600
SHOWN_PROBLEMS = 20          # rows with 数据有误 listed on the page (all of them are in the report)
# Where each stage sits on the page's one progress bar (start, share of the bar).
STAGE_SPAN = {"upload": (0, 5), "read": (5, 35), "decide": (40, 35), "write": (75, 25)}
SUFFIXES = (".xlsx", ".csv")
log = logging.getLogger("bot.web.roster")


def max_upload_bytes() -> int:
    return int(float(os.environ.get("ROSTER_MAX_UPLOAD_MB", "20")) * 1024 * 1024)


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:g}"


def keep_uploads() -> bool:
    return os.environ.get("ROSTER_KEEP_UPLOADS", "").lower() in ("1", "true", "yes", "是")


def work_dir() -> Path:
    return Path(os.environ.get("ROSTER_DIR") or ROOT / "var" / "roster")


def _attachment(path: Path, name: str) -> web.FileResponse:
    return web.FileResponse(path, headers={
        "Content-Disposition": f"attachment; filename=\"roster.xlsx\"; filename*=UTF-8''{quote(name)}",
        "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Cache-Control": "no-store"})


def _safe_name(name: str) -> str:
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", Path(name or "").name).strip(". ")
    return name[-100:] or "花名册"


class Job:
    def __init__(self, folder: Path, name: str):
        self.id, self.folder, self.name = folder.name, folder, name
        self.state, self.stage, self.percent = "queued", "upload", 0
        self.error = self.result = None
        self.report = folder / f"{Path(name).stem}-预审结果.xlsx"
        self.finished = None

    def progress(self, stage: str, done: int, total: int | None) -> None:
        """Called from the worker thread: one float and two strings, read by the polling page."""
        start, share = STAGE_SPAN[stage]
        self.stage = stage
        self.percent = start + (share * done // total if total else 0)

    def as_json(self) -> dict:
        data = {"job": self.id, "state": self.state, "stage": STAGES.get(self.stage, "上传"),
                "percent": 100 if self.state == "done" else self.percent}
        if self.error:
            data["error"] = self.error
        if self.result:
            data["result"] = self.result
            data["report"] = f"/roster/report/{self.id}"
        return data


def _numbers(line: list) -> dict:
    return dict(zip(SUMMARY_HEADERS, line))


def summary_json(outcome) -> dict:
    """What the page shows: per programme, the two payee totals, warnings and the rows in error."""
    lines = [_numbers(line) for line in outcome.summary]
    totals = {line["项目编号"]: line for line in lines if line["项目编号"] in (*TOTAL.values(), ALL_ROWS)}
    problems = [{"line": r.line, "reason": r.reason} for r in outcome.rows if r.status == "数据有误"]
    info = dict((label, value) for label, value in outcome.info if label != "提示")
    return {"rows": len(outcome.rows), "counts": outcome.counts, "as_of": info.get("申报日期"),
            "org": info.get("单位名称"),
            "programmes": [line for line in lines if line not in totals.values()],
            "totals": [line for key, line in totals.items() if key != ALL_ROWS],
            "warnings": outcome.warnings, "problems": problems[:SHOWN_PROBLEMS], "problem_count": len(problems)}


def _masked(message: str) -> str:
    return re.sub(r"\d{17}[\dXx]", lambda m: mask_id(m.group(0)), message)


class Roster:
    """The jobs of this server process (in memory; a restart forgets them and their files go at the next purge)."""

    def __init__(self):
        self.jobs: dict = {}
        self.running = asyncio.Semaphore(int(os.environ.get("ROSTER_WORKERS", "1")))   # 2 shared cores
        self.template = None

    def purge(self) -> None:
        """Delete reports older than REPORT_TTL, and any folder a previous process left behind."""
        now = time.time()
        for job_id, job in list(self.jobs.items()):
            if job.finished and now - job.finished > REPORT_TTL:
                shutil.rmtree(job.folder, ignore_errors=True)
                del self.jobs[job_id]
        root = work_dir()
        if root.is_dir():
            for folder in root.iterdir():
                if folder.is_dir() and folder.name not in self.jobs and folder.name != "template" \
                        and now - folder.stat().st_mtime > REPORT_TTL:
                    shutil.rmtree(folder, ignore_errors=True)

    def run(self, job: Job, source: Path, as_of: str | None) -> None:
        """The worker thread: precheck with progress; the upload deleted unless ROSTER_KEEP_UPLOADS."""
        started = time.perf_counter()
        job.state = "running"
        try:
            outcome = precheck(source, job.report, as_of or None, progress=Progress(job.progress))
            job.result = summary_json(outcome)
            job.state = "done"
            log.info("roster job %s: %d rows %s in %.1f s", job.id, len(outcome.rows), outcome.counts,
                     time.perf_counter() - started)
        except RosterError as exc:
            job.error, job.state = _masked(str(exc)), "failed"
            log.info("roster job %s refused: %s", job.id, job.error)
        except Exception:   # noqa: BLE001 - the page gets a polite sentence, the log the details
            log.exception("roster job %s failed", job.id)
            job.error, job.state = "处理花名册时出错，请检查文件是否用 Excel/WPS 正常保存后重试。", "failed"
        finally:
            job.finished = time.time()
            if not keep_uploads():
                source.unlink(missing_ok=True)

    async def page(self, request: web.Request) -> web.Response:
        note = ("上传的文件按本服务的设置保存在服务器上；预审报告保留一小时。" if keep_uploads() else
                "上传的文件在生成报告后即从服务器删除；预审报告保留一小时，请及时下载。")
        return _page("roster.html", max_mb=_mb(max_upload_bytes()), max_bytes=str(max_upload_bytes()), files_note=note)

    async def template_file(self, request: web.Request) -> web.StreamResponse:
        if self.template is None or not self.template.exists():
            folder = work_dir() / "template"
            folder.mkdir(parents=True, exist_ok=True)
            self.template = await asyncio.to_thread(write_template, folder / "花名册模板.xlsx")
        return _attachment(self.template, "花名册模板.xlsx")

    async def upload(self, request: web.Request) -> web.Response:
        limit = max_upload_bytes()
        too_big = f"文件太大：花名册不能超过 {_mb(limit)} MB。请删去空白行和用不到的列，或分成几个文件分别上传。"
        if request.content_length and request.content_length > limit + 64 * 1024:
            return _error(too_big, 413)
        self.purge()
        try:
            reader = await request.multipart()
        except (AssertionError, ValueError, KeyError):
            return _error("请选择花名册文件（.xlsx 或 .csv）后再上传。")
        folder = work_dir() / secrets.token_urlsafe(12)
        source, as_of, accepted = None, None, False
        try:
            while (part := await reader.next()) is not None:
                if part.name == "as_of":
                    as_of = (await part.text()).strip()[:20]
                elif part.name == "roster" and part.filename:
                    name = _safe_name(part.filename)
                    suffix = Path(name).suffix.lower()
                    if suffix not in SUFFIXES:
                        hint = "（旧版 .xls 请在 Excel 中另存为 .xlsx）" if suffix == ".xls" else ""
                        return _error(f"花名册应为 .xlsx 或 .csv 文件，收到“{name}”{hint}。")
                    folder.mkdir(parents=True, exist_ok=True)
                    source, size = folder / name, 0
                    with source.open("wb") as fh:
                        while chunk := await part.read_chunk(256 * 1024):
                            size += len(chunk)
                            if size > limit:
                                return _error(too_big, 413)
                            fh.write(chunk)
                    if size == 0:
                        return _error(f"“{name}”是空文件，请重新选择花名册。")
            if source is None:
                return _error("请选择花名册文件（.xlsx 或 .csv）后再上传。")
            accepted = True
        finally:
            if not accepted:
                shutil.rmtree(folder, ignore_errors=True)
        job = Job(folder, source.name)
        self.jobs[job.id] = job
        log.info("roster job %s: %d bytes received", job.id, source.stat().st_size)

        async def work():
            async with self.running:
                await asyncio.to_thread(self.run, job, source, as_of)
        request.app["roster_tasks"].add(task := asyncio.create_task(work()))
        task.add_done_callback(request.app["roster_tasks"].discard)
        return _json(job.as_json(), status=202)

    def _job(self, request: web.Request) -> Job:
        job = self.jobs.get(request.match_info["job"])
        if job is None:
            raise web.HTTPNotFound()
        return job

    async def status(self, request: web.Request) -> web.Response:
        try:
            job = self._job(request)
        except web.HTTPNotFound:
            return _error("找不到这次预审（结果只保留一小时，或服务已重启），请重新上传花名册。", 404)
        return _json(job.as_json())

    async def report(self, request: web.Request) -> web.StreamResponse:
        job = self.jobs.get(request.match_info["job"])
        if job is None or job.state != "done" or not job.report.exists():
            return web.Response(status=404, text="预审报告已过期或不存在，请回到 /roster 重新上传花名册。", charset="utf-8")
        return _attachment(job.report, job.report.name)


def add_routes(app: web.Application) -> None:
    roster = app["roster"] = Roster()
    app["roster_tasks"] = set()
    app.router.add_get("/roster", roster.page)
    app.router.add_get("/roster/template.xlsx", roster.template_file)
    app.router.add_post("/api/roster", roster.upload)
    app.router.add_get("/api/roster/{job}", roster.status)
    app.router.add_get("/roster/report/{job}", roster.report)
