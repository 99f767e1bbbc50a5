"""CASE packages as a built site publishes them: with ``site_url`` every ``uri`` resolves to the package
file and the object in it, errata date the lines they fixed, and a superseded edition's package stays
reachable from its successor's ``replacedBy``."""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from jsonschema import Draft202012Validator

from stdkit import config as configuration
from stdkit import publish
from stdkit.config import ConfigError
from stdkit.interchange import case
from stdkit.run import pipeline

from .over_time import (
    CORRECTED,
    ERRATUM_DATE,
    FIXED_CODE,
    SITE_URL,
    TRANSITION_UNTIL,
    WITHDRAWN,
    WITHDRAWN_ON,
    collection_over_time,
)
from .test_case import SCHEMA


def _publish(root: Path) -> Path:
    """The collection's blueprints and packages where a built site holds them (``site/blueprints``)."""
    config = configuration.load(root)
    collection = pipeline.validate(list(config.standards), config).collection
    site = root / "site"
    publish.write_blueprints(collection, site / "blueprints", include_drafts=False)
    return site


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _publish(collection_over_time(tmp_path_factory.mktemp("over-time")))


def _packages(site: Path) -> dict[str, dict[str, Any]]:
    return {
        path.relative_to(site).as_posix(): orjson.loads(path.read_bytes())
        for path in sorted((site / "blueprints").rglob(case.FILE_NAME))
    }


def _uris(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for key, inner in value.items():
            if key == "uri" and isinstance(inner, str):
                yield inner
            else:
                yield from _uris(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _uris(inner)


def _identifiers(value: Any) -> Iterator[str]:
    """The identifiers of the objects a package defines (a link's identifier only names its target)."""
    yield value["CFDocument"]["identifier"]
    for key in ("CFItems", "CFAssociations"):
        yield from (thing["identifier"] for thing in value[key])
    for things in value["CFDefinitions"].values():
        yield from (thing["identifier"] for thing in things)


def test_every_uri_resolves_to_its_package_and_object(site: Path) -> None:
    packages = _packages(site)
    assert len(packages) >= 10
    defined = {path: set(_identifiers(package)) for path, package in packages.items()}
    base = urllib.parse.urlsplit(SITE_URL)
    checked = 0
    for path, package in packages.items():
        for uri in _uris(package):
            parts = urllib.parse.urlsplit(uri)
            assert (parts.scheme, parts.netloc) == (base.scheme, base.netloc), uri
            assert parts.path.startswith(base.path + "/"), uri
            target = parts.path.removeprefix(base.path + "/")
            assert (site / target).is_file(), (path, uri)
            assert parts.fragment in defined[target], (path, uri)
            checked += 1
    assert checked > 1000
    document = packages[f"blueprints/{case.path_of(CORRECTED)}"]["CFDocument"]
    assert document["uri"] == f"{SITE_URL}/blueprints/6-31-01-03/2018/case.json#{document['identifier']}"


def test_published_packages_validate(site: Path) -> None:
    validator = Draft202012Validator(
        orjson.loads(SCHEMA.read_bytes()), format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    for path, package in _packages(site).items():
        assert [error.message for error in validator.iter_errors(package)] == [], path


def test_an_erratum_dates_the_line_it_fixed_and_the_document(site: Path) -> None:
    package = _packages(site)[f"blueprints/{case.path_of(CORRECTED)}"]
    when = f"{ERRATUM_DATE}T00:00:00+00:00"
    dates = {item["humanCodingScheme"]: item["lastChangeDateTime"] for item in package["CFItems"]}
    assert dates[f"{CORRECTED}/{FIXED_CODE}"] == when
    assert {date for code, date in dates.items() if code != f"{CORRECTED}/{FIXED_CODE}"} == {
        "2018-12-26T00:00:00+00:00"  # the issue date, as before the erratum
    }
    assert package["CFDocument"]["lastChangeDateTime"] == when
    assert package["CFDocument"]["adoptionStatus"] == "Adopted"


def test_the_successor_replaces_the_old_package_which_stays_published(site: Path) -> None:
    packages = _packages(site)
    old = packages["blueprints/6-31-01-03/2009/case.json"]["CFDocument"]
    assert old["adoptionStatus"] == "Deprecated"
    assert old["statusEndDate"] == TRANSITION_UNTIL
    new = packages[f"blueprints/{case.path_of(CORRECTED)}"]
    replaced = [a for a in new["CFAssociations"] if a["associationType"] == "replacedBy"]
    assert [(a["originNodeURI"]["identifier"], a["originNodeURI"]["uri"]) for a in replaced] == [
        (old["identifier"], old["uri"])
    ]
    assert replaced[0]["destinationNodeURI"]["uri"] == new["CFDocument"]["uri"]
    withdrawn = packages[f"blueprints/{case.path_of(WITHDRAWN)}"]["CFDocument"]
    assert (withdrawn["adoptionStatus"], withdrawn["statusEndDate"]) == ("Deprecated", WITHDRAWN_ON)


def test_without_site_url_every_uri_is_a_urn(tmp_path: Path) -> None:
    site = _publish(collection_over_time(tmp_path, site_url=None))
    for path, package in _packages(site).items():
        assert {uri.split(":", 2)[1] for uri in _uris(package)} == {"uuid"}, path


@pytest.mark.parametrize(
    "value",
    [
        "http://standards.example.org",
        "https://",
        "https://standards.example.org/?q=1",
        "https://standards.example.org/#top",
        "https://user@standards.example.org/",
        "https://standards.example.org/a b",
        "https://[::1",
        "standards.example.org",
    ],
)
def test_site_url_must_be_a_plain_https_url(tmp_path: Path, value: str) -> None:
    (tmp_path / "stdkit.toml").write_text(f"[stdkit]\nsite_url = {value!r}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="site_url"):
        configuration.load(tmp_path)


def test_site_url_loses_its_trailing_slash(tmp_path: Path) -> None:
    (tmp_path / "stdkit.toml").write_text('[stdkit]\nsite_url = "https://a.example/x/"\n', encoding="utf-8")
    assert configuration.load(tmp_path).site_url == "https://a.example/x"
