"""Site settings: `[tool.reportsite]` in pyproject.toml, overridden by command-line options."""

from __future__ import annotations

import difflib
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from urllib.parse import urlsplit

from .schema import SCRIPTS


class SettingsError(Exception):
    pass


@dataclass(frozen=True)
class Settings:
    title: str = "政府信息公开年度报告档案"
    description: str = "政府信息公开工作年度报告的离线档案。"
    base_url: str = ""  # public URL, with a trailing slash; "" when not configured
    language: str = "zh-Hans"

    @property
    def base_path(self) -> str:
        """The URL path the site is served under (`/archive/`), or '' when no base URL is set."""
        return urlsplit(self.base_url).path if self.base_url else ""


def normalise_base_url(url: str, where: str) -> str:
    url = (url or "").strip()
    if not url:
        return ""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise SettingsError(f"{where}: base_url must be an absolute http(s) URL such as https://example.github.io/archive/, not {url!r}")
    return url if url.endswith("/") else url + "/"


def load_settings(config_file: Path, base_url: str | None = None) -> Settings:
    table: dict = {}
    if config_file.is_file():
        try:
            with config_file.open("rb") as f:
                table = tomllib.load(f).get("tool", {}).get("reportsite", {})
        except tomllib.TOMLDecodeError as e:
            raise SettingsError(f"{config_file}: not valid TOML: {e}") from None
    known = {f.name for f in fields(Settings)}
    for key, value in table.items():
        if key not in known:
            close = difflib.get_close_matches(key, known, n=1)
            hint = f" (did you mean `{close[0]}`?)" if close else f" (known: {', '.join(sorted(known))})"
            raise SettingsError(f"{config_file}: [tool.reportsite] has an unknown setting `{key}`{hint}")
        if not isinstance(value, str):
            raise SettingsError(f"{config_file}: [tool.reportsite] `{key}` must be a string, not {value!r}")
    settings = Settings(**table)
    if settings.language not in SCRIPTS:
        raise SettingsError(f"{config_file}: [tool.reportsite] `language` must be one of {', '.join(SCRIPTS)}, not {settings.language!r}")
    where = "--base-url" if base_url is not None else f"{config_file}: [tool.reportsite]"
    return replace(settings, base_url=normalise_base_url(base_url if base_url is not None else settings.base_url, where))
