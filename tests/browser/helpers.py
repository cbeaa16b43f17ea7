"""Page checks shared by the browser tests: console errors, CSP reports, axe-core."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

_axe = Axe()


class PageWatch:
    """Collects console errors, page errors and CSP violations while a page is used."""

    def __init__(self, page):
        self.problems: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.problems.append(f"pageerror: {exc}"))

    def _console(self, message):
        if message.type == "error" or "Content Security Policy" in message.text:
            self.problems.append(f"console {message.type}: {message.text}")


def csp_violations(page) -> list:
    return page.evaluate("window.__csp || []")


def listen_for_csp(page) -> None:
    """Record securitypolicyviolation events (added via CDP, not as page script)."""
    page.add_init_script(
        "window.__csp = [];"
        "document.addEventListener('securitypolicyviolation', e => "
        "window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
    )


def serious_axe_violations(page) -> list[str]:
    results = _axe.run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(n["target"][0] if n["target"] else "?" for n in v["nodes"][:5])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def log_in(page, live_server_url: str, username: str, password: str) -> None:
    """Log into the admin through its login form, as an editor would."""
    page.goto(live_server_url + "/admin/login/?next=/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit], button[type=submit]")
    page.wait_for_url("**/admin/")
