"""The one edition label (Header.edition_label): each form on a year, a short number and a version."""

from __future__ import annotations

import pytest

from stdkit.model.common import EditionForm, Header, Status


def _header(edition: str) -> Header:
    return Header(
        id="6-31-01-03", edition=edition, title="电工", status=Status.PUBLISHED, issuer="人力资源社会保障部"
    )


@pytest.mark.parametrize(
    ("form", "labels"),
    [
        (EditionForm.BARE, ("2018", "18", "v2")),
        (EditionForm.YEAR, ("2018年版", "18年版", "v2")),
        (EditionForm.ALWAYS, ("2018年版", "18年版", "v2年版")),
        (EditionForm.PRINTED, ("2018年版", "18版", "v2版")),
    ],
)
def test_each_form_labels_a_year_a_number_and_a_version(form: EditionForm, labels: tuple[str, ...]) -> None:
    assert tuple(_header(edition).edition_label(form) for edition in ("2018", "18", "v2")) == labels


def test_titled_puts_the_label_in_brackets_after_the_title() -> None:
    assert _header("2018").titled(EditionForm.YEAR) == "电工（2018年版）"
    assert _header("v2").titled(EditionForm.BARE) == "电工（v2）"
