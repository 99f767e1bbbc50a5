"""The assessment as standards write it: per-component pass marks, 业绩评审, composite, qualifiers, 评聘 groups.

The sample EV-SLJG-CG@2025 (a visibly fictional enterprise) uses every new field; the blueprints of
documents that use none of them are pinned by the goldens of tests/test_blueprint.py.
"""

from __future__ import annotations

from pathlib import Path

from stdkit import blueprint, publish
from stdkit.diff.compare import compare
from stdkit.model.blueprint import Appointment, Exam, Review
from stdkit.model.standard import PassMarks
from tests.test_publish import samples

SAMPLE = "EV-SLJG-CG@2025"


def _components(level: str) -> dict[str, object]:
    made = blueprint.build(samples().by_ref[SAMPLE], level)
    return {c.kind: c for c in made.components}


def test_pass_marks_per_component_reach_the_blueprint() -> None:
    parts = _components("L2")
    theory, skill, performance, review = (parts[k] for k in ("theory", "skill", "performance", "review"))
    assert isinstance(theory, Exam) and isinstance(skill, Exam)
    assert isinstance(performance, Review) and isinstance(review, Review)
    assert (theory.pass_mark, skill.pass_mark, performance.pass_mark, review.pass_mark) == (60, 70, 60, 60)
    assert performance.name == "业绩评审" and performance.panel_size == 3 and performance.panel_odd is True
    assert review.panel_size == 5 and review.panel_at_least is True
    assert skill.ratio == 3 and skill.examiners_at_least == 3 and skill.duration_at_least is True
    assert theory.invigilators_at_least == 2 and theory.ratio == 15


def test_composite_eligibility_routes_and_notes_are_published() -> None:
    made = blueprint.build(samples().by_ref[SAMPLE], "L2")
    assert made.composite is not None and made.composite.weights == {"theory": 30, "skill": 70}
    assert made.composite.pass_mark == 60
    routes = made.eligibility[1]
    assert routes.years == 2 and routes.years_options == [3.0, 2.0]
    exceptional = made.eligibility[2]
    assert exceptional.exceptional is True and exceptional.min_age == 25
    assert made.eligibility_notes is not None and "铣工" in made.eligibility_notes.related_occupations


def test_unused_fields_are_omitted_not_null() -> None:
    data = publish.dump(blueprint.build(samples().by_ref["6-31-01-03@2018"], "L2")).decode()
    for name in (
        "composite",
        "eligibility_notes",
        "years_options",
        "exceptional",
        "panel_odd",
        "duration_at_least",
    ):
        assert f'"{name}"' not in data, name


def test_grouped_appointment_is_a_review_blueprint_with_term_and_quota() -> None:
    appointment = _components("principal")["appointment"]
    assert isinstance(appointment, Appointment)
    basic, record = appointment.groups
    assert (basic.name, basic.rule, basic.required, len(basic.criteria)) == ("基本条件", "all", 2, 2)
    assert (record.name, record.rule, record.required, len(record.criteria)) == ("业绩条件", "any", 2, 4)
    assert [c.code.rsplit("/", 1)[1] for c in record.criteria] == ["a3", "a4", "a5", "a6"]
    assert appointment.term_years == 3 and appointment.quota == "原则上不超过本企业高级技师总数的10%。"


def test_flat_pass_mark_still_accepted_and_diffed_per_component() -> None:
    old = samples().by_ref["6-31-01-03@2018"].document
    assessment = old.assessment.model_copy(update={"pass_mark": PassMarks(theory=60, skill=70, review=60)})
    new = old.model_copy(update={"assessment": assessment})
    changes = [c for c in compare(old, new) if c.label.startswith("pass_mark")]
    assert [(c.label, c.old, c.new) for c in changes] == [("pass_mark 合格分数线 · skill", "60", "70")]


def test_site_prints_pass_marks_qualifiers_and_groups(tmp_path: Path) -> None:
    from stdkit import config as configuration
    from stdkit.site.build import build_site

    root = Path(__file__).parent.parent
    config = configuration.load(root)
    out = tmp_path / "out"
    build_site(config, out)
    html = (out / "standards/EV-SLJG-CG/2025.html").read_text(encoding="utf-8")
    for shown in (
        "理论知识考试 60 分；技能考核 70 分；综合评审 60 分；业绩评审 60 分",
        "理论知识考试占 30%，技能考核占 70%",
        "综合评审委员 5 人（含）以上单数",
        "理论知识考试不少于 90 分钟",
        "业绩条件，具备其中 2 项",
        "聘期",
        "破格",
        "相关专业",
    ):
        assert shown in html, shown
