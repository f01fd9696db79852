"""Accessibility check with axe-core (npm devDependency, node_modules/axe-core) for any page
under test: `assert_accessible(page)` fails on a serious or critical violation, naming each
rule, its help text and the elements concerned.

The pages' Content-Security-Policy allows scripts from their own origin only, so axe is served
to the page at a same-origin URL by Playwright (page.route), never inlined.
"""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from .conftest import ROOT

AXE = ROOT / "node_modules/axe-core/axe.min.js"
BLOCKING = ("serious", "critical")
AXE_PATH = "/__test_axe.min.js"          # a URL the server itself never serves


def violations(page, include: str | None = None) -> list:
    """axe-core's violations on the page as loaded (or only inside the `include` selector)."""
    if not AXE.exists():
        pytest.fail("node_modules/axe-core 未安装：请先运行 make web-setup（npm ci）")
    if page.evaluate("typeof window.axe === 'undefined'"):     # once per page load
        origin = "{0.scheme}://{0.netloc}".format(urlsplit(page.url))
        page.route(origin + AXE_PATH, lambda route: route.fulfill(
            path=str(AXE), content_type="application/javascript; charset=utf-8"))
        page.add_script_tag(url=origin + AXE_PATH)
    return page.evaluate("""async (include) => {
        const result = await axe.run(include ? {include: [include]} : document,
                                     {resultTypes: ['violations']});
        return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                             nodes: v.nodes.map(n => n.target.join(' '))}));
    }""", include)


def assert_accessible(page, include: str | None = None) -> None:
    """No serious or critical axe-core violation on the page (or inside `include`)."""
    found = [v for v in violations(page, include) if v["impact"] in BLOCKING]
    assert not found, "axe-core: " + "; ".join(
        f"{v['id']} ({v['impact']}): {v['help']} → {', '.join(v['nodes'][:5])}" for v in found)
