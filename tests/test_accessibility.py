"""axe-core finds no serious or critical violation on each kind of page, in light and dark mode."""

from __future__ import annotations

import pytest

from conftest import run_axe

PAGES = ["index.html", "agencies/hunan-gonganting/index.html", "years/2009/index.html",
         "reports/2019-hunan-gonganting/index.html", "search/index.html", "regions/index.html", "404.html"]


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_or_critical_violations(site_server, new_page, scheme):
    failures = []
    for rel in PAGES:
        page, seen = new_page()
        page.emulate_media(color_scheme=scheme)
        page.goto(site_server.url(rel), wait_until="load")
        for v in run_axe(page):
            if v["impact"] in ("serious", "critical"):
                failures.append(f"{rel}: {v['id']} ({v['impact']}) x{len(v['nodes'])}: {v['help']} - e.g. {v['nodes'][0]}")
        seen.assert_clean(rel)
        page.close()
    assert failures == []
