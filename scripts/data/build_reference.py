"""Regenerate stdkit's shipped reference data (src/stdkit/data/) from the committed sources in scripts/data/sources/.

Run from anywhere: ``python scripts/data/build_reference.py``. Output is deterministic (sorted, no timestamps) and
committed; tests/test_catalogue.py checks that a rebuild changes nothing. Every shipped row names its source; a row
is ``verified: true`` only where its source is a primary list or a row checked by hand (sources/changes_checked.tsv).
"""

from __future__ import annotations

import datetime
import difflib
import json
import re
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
SRC = HERE / "sources"
OUT = HERE.parents[1] / "src" / "stdkit" / "data"

HIRO2_DIFF = "gqy20/hiro2 data/processed/policy/dadian-2015-2022-diff.json (commit 186d346)"
#: A 2015 name and the 2022 name at the same code this alike (difflib ratio) are read as one occupation renamed.
RENAME_RATIO = 0.6


def tsv(name: str) -> list[list[str]]:
    rows = []
    for line in (SRC / name).read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


def dump_yaml(path: Path, header: str, data: Any) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000, default_flow_style=None)
    path.write_text(header + text, "utf-8")


full = json.loads((SRC / "occupations_2022_full.json").read_text("utf-8"))
sample = yaml.safe_load((SRC / "occupations_sample.yaml").read_text("utf-8"))
cat = yaml.safe_load((SRC / "qualification_catalogue_2021.yaml").read_text("utf-8"))
after = yaml.safe_load((SRC / "occupations_after_2022.yaml").read_text("utf-8"))
releases_src = yaml.safe_load((SRC / "releases.yaml").read_text("utf-8"))["releases"]
skill_src = yaml.safe_load((SRC / "skill_items_2021.yaml").read_text("utf-8"))["items"]
minors = {code: name for code, name in tsv("minor_categories_2022.tsv")}

# ---------------------------------------------------------------- occupations (the 2022 edition)
rows = sorted(full["occupations"], key=lambda o: o["code"])
for o in rows:
    assert o["minor"] == o["code"][:7] and o["middle"] == o["code"][:4] and o["major"] == o["code"][0]
    assert full["middle_categories"][o["middle"]] == o["middle_name"]
    assert o["minor"] in minors, o["code"]
    assert (o["flag"] is not None and "S" in o["flag"]) == o["digital"]
    assert (o["flag"] is not None and "L" in o["flag"]) == o["green"]
assert all(code[:4] in full["middle_categories"] for code in minors)
occ = {o["code"]: o for o in rows}
used_minors = {o["minor"] for o in rows}
n_s = sum(o["digital"] for o in rows)
n_l = sum(o["green"] for o in rows)
n_ls = sum(o["digital"] and o["green"] for o in rows)
off = sample["structure"]["official_counts_from_memory"]
doc = {
    "format": "stdkit-occupations/1",
    "title": "中华人民共和国职业分类大典（2022年版）",
    "edition": "2022",
    "label": "职业分类大典（2022年版）",
    "date": "2022-09-28",
    "source": full["source"] + "; 小类 table: github.com/Optima-Chat/china-jobs data/occupations_raw.json minor_categories (commit ad60210)",
    "flags": {"S": "数字职业", "L": "绿色职业", "L/S": "数字职业 and 绿色职业"},
    "verified": {
        "rows": True,
        "note": "Every code, name and flag below is from the parse of the published 分类体系表 (all 1639 codes cross-checked against a second transcription); the hand-checked subset in occupations_sample.yaml agrees row for row.",
        "counts": {
            "major": len(full["major_categories"]),
            "middle": len(full["middle_categories"]),
            "middle_with_occupations": len({o["middle"] for o in rows}),
            "minor": len(minors),
            "minor_with_occupations": len(used_minors),
            "occupations": len(rows),
            "digital_S": n_s,
            "green_L": n_l,
            "both_LS": n_ls,
        },
        "unverified": [
            f"The edition as released on 2022-09-28 has {len(rows)} 细类 (the 2015 edition's 1481 plus the 158 net new occupations the release announced); "
            f"the {off['occupations']} 细类 and {off['minor']} 小类 quoted by earlier press reports are the counts of the 公示稿 (draft under public notice, 2022-07), not of the release.",
            f"The 分类体系表 lists {len(minors)} 小类: {len(used_minors)} with 细类 rows, and {len(minors) - len(used_minors)} 其他… 小类 (X-XX-99, X-99-00) without; "
            f"the one 小类 between this and the {off['minor']} of the 公示稿 is not identified.",
            "The 中类 " + ", ".join(sorted(k for k in full["middle_categories"] if k not in {o["middle"] for o in rows})) + " (其他…) have no 细类 rows in the source.",
        ],
    },
    "major_categories": dict(sorted(full["major_categories"].items())),
    "middle_categories": dict(sorted(full["middle_categories"].items())),
    "minor_categories": dict(sorted(minors.items())),
    "columns": ["code", "name", "flag"],
    "occupations": [[o["code"], o["name"], o["flag"]] for o in rows],
}


def dumps(v: Any) -> str:
    return json.dumps(v, ensure_ascii=False, separators=(",", ":"))


lines = ["{"]
keys = list(doc)
for i, k in enumerate(keys):
    end = "," if i < len(keys) - 1 else ""
    v = doc[k]
    if k in ("major_categories", "middle_categories", "minor_categories"):
        items = list(v.items())
        lines.append(f" {dumps(k)}:{{")
        lines += [f"  {dumps(a)}:{dumps(b)}" + ("," if j < len(items) - 1 else "") for j, (a, b) in enumerate(items)]
        lines.append(" }" + end)
    elif k == "occupations":
        lines.append(f" {dumps(k)}:[")
        lines += [f"  {dumps(r)}" + ("," if j < len(v) - 1 else "") for j, r in enumerate(v)]
        lines.append(" ]" + end)
    else:
        lines.append(f" {dumps(k)}:{json.dumps(v, ensure_ascii=False)}{end}")
lines.append("}")
text = "\n".join(lines) + "\n"
assert json.loads(text) == doc
(OUT / "occupations_2022.json").write_text(text, "utf-8")

# ---------------------------------------------------------------- notes: 2015 → 2022
legacy: dict[tuple[str, str], dict[str, Any]] = {}
renames: dict[tuple[str, str], dict[str, Any]] = {}
prev_src = None
for r in sample["legacy_codes"]:
    src = r.get("source_of_legacy")
    if src == "same":
        src = prev_src
    prev_src = src
    lc, c22 = r.get("legacy_code"), r.get("code_2022")
    assert isinstance(r["verified"], bool)
    if lc is not None and lc != c22:
        assert lc not in occ or occ[lc]["name"] != r["name"]
        legacy[(lc, r["name"])] = {
            "code": lc, "name": r["name"], "successor": c22,
            "name_2022": occ[lc]["name"] if lc in occ else None,
            "source": src or "not stated in the source row", "note": r.get("note", ""),
            "verified": r["verified"],
        }  # fmt: skip
    else:
        assert occ[c22]["name"] != r["name"]
        renames[(c22, r["name"])] = {
            "code": c22, "earlier_name": r["name"], "legacy_code": lc,
            "source": src or "not stated in the source row; the 2022 name is from the 分类体系表",
            "note": r.get("note", ""), "verified": r["verified"],
        }  # fmt: skip

# 育婴员 4-10-01-02: no successor; its two neighbours are where the occupation went (issue #18, 2022 table)
baby = legacy[("4-10-01-02", "育婴员")]
baby["candidates"] = ["4-10-01-01", "4-10-01-03"]
baby["note"] = (
    "4-10-01-02 is empty in the 2022 分类体系表; its neighbours 4-10-01-01 婴幼儿发展引导员 and 4-10-01-03 保育师 "
    "are where its work went. A printed standard keeps its code: suppress with a reason."
)

# 物联网工程技术人员: one of the 2019 new occupations the 2015 Excel lists without code (hiro2 2015 list, rows 0-3);
# its siblings 2-02-10-09/-11/-12 moved to 2-02-38 (verified above), and it sits at 2-02-38-02 in 2022.
legacy[("2-02-10-10", "物联网工程技术人员")] = {
    "code": "2-02-10-10", "name": "物联网工程技术人员", "successor": "2-02-38-02", "name_2022": None,
    "source": "2019 新职业 release (人社厅发〔2019〕48号) as cited in issue #18; the hiro2 2015 list names the occupation without its code",
    "note": "the 2019 code sits between 2-02-10-09 and 2-02-10-11, whose moves to 2-02-38 are verified; the code itself is not verified here",
    "verified": False,
}  # fmt: skip

# 2019–2021 new occupations printed with 2015-structure codes, and 工种 of the edition's occupations (issue #36);
# not in the shared facts: each row carries its own source and is unverified.
batches = yaml.safe_load((SRC / "new_occupations_2019_2021.yaml").read_text("utf-8"))
for r in batches["legacy_codes"]:
    assert r["successor"] in occ and (r["code"] not in occ or occ[r["code"]]["name"] != r["name"]), r
    legacy[(r["code"], r["name"])] = {
        "code": r["code"], "name": r["name"], "successor": r["successor"],
        "name_2022": occ[r["code"]]["name"] if r["code"] in occ else None,
        "source": " ".join(r["source"].split()), "note": " ".join(r["note"].split()), "verified": False,
    }  # fmt: skip
edition_work_types = []
for w in batches["work_types"]:
    assert w["occupation"] in occ and (w["code"] is None or w["code"].startswith(w["occupation"] + "-")), w
    edition_work_types.append({
        "occupation": w["occupation"], "name": w["name"], "code": w["code"], "source": w["source"], "verified": False,
    })  # fmt: skip

checked = {int(i): note for i, note in tsv("changes_checked.tsv")}
counts = {"rows": 0, "unchanged": 0, "no_code": 0, "renamed": 0, "removed": 0, "renamed_verified": 0}
for index, code, name in tsv("dadian_2015_2022_removed.tsv"):
    counts["rows"] += 1
    src = f"{HIRO2_DIFF} removed[{index}]"
    if code == "-":
        counts["no_code"] += 1
        continue
    earlier = re.search(r"（原(.+?)）", name)
    base = re.sub(r"（原.+?）", "", name)
    at = occ.get(code)
    if at is not None and at["name"] == base:
        if earlier:  # the source prints the occupation's earlier name in brackets
            renames.setdefault((code, earlier.group(1)), {
                "code": code, "earlier_name": earlier.group(1), "legacy_code": None, "source": src,
                "note": checked.get(int(index), ""), "verified": int(index) in checked,
            })  # fmt: skip
            counts["renamed"] += 1
        else:
            counts["unchanged"] += 1  # the comparison's name match missed it; the 2022 table has it unchanged
        continue
    if at is not None and difflib.SequenceMatcher(None, base, at["name"]).ratio() >= RENAME_RATIO:
        renames.setdefault((code, base), {
            "code": code, "earlier_name": base, "legacy_code": code, "source": src,
            "note": checked.get(int(index), "same code, alike name: read as a rename (not checked by hand)"),
            "verified": int(index) in checked,
        })  # fmt: skip
        counts["renamed"] += 1
        counts["renamed_verified"] += int(index) in checked
        continue
    # absent from 2022, or the code now means another occupation: no successor is known
    legacy.setdefault((code, base), {
        "code": code, "name": base, "successor": None, "name_2022": at["name"] if at else None,
        "source": src,
        "note": ("the code means another occupation in 2022" if at else "absent from the 2022 分类体系表")
        + "; no successor is named by the source",
        "verified": True,
    })  # fmt: skip
    counts["removed"] += 1

for rn in renames.values():
    assert rn["code"] in occ, rn
    rn["name"] = occ[rn["code"]]["name"]
for lc in legacy.values():
    assert lc["successor"] is None or lc["successor"] in occ, lc
    lc["successor_name"] = occ[lc["successor"]]["name"] if lc["successor"] else None
    for c in lc.get("candidates", ()):
        assert c in occ, c

FIELDS_LEGACY = ("code", "name", "successor", "successor_name", "name_2022", "candidates", "source", "note", "verified")
FIELDS_RENAME = ("code", "name", "earlier_name", "legacy_code", "source", "note", "verified")
notes = {
    "format": "stdkit-occupation-notes/1",
    "edition": "2022",
    "source": "occupations_sample.yaml (stdkit shared facts, hand-checked) and the osta 大典 2015/2022 comparison "
    f"({HIRO2_DIFF}, key removed), each row classified against the 2022 分类体系表 by scripts/data/build_reference.py",
    "counts": {
        "comparison": counts, "legacy_codes": len(legacy), "renames": len(renames),
        "work_types": len(edition_work_types),
    },  # fmt: skip
    "legacy_codes": [
        {k: lc[k] for k in FIELDS_LEGACY if k in lc} for _, lc in sorted(legacy.items())
    ],
    "renames": [{k: rn[k] for k in FIELDS_RENAME} for _, rn in sorted(renames.items())],
    "work_types": edition_work_types,
}
dump_yaml(
    OUT / "occupation_notes.yaml",
    """# Notes on 职业分类大典 codes and names, for resolving the codes and names that pre-2022 standards use.
# Generated by scripts/data/build_reference.py from scripts/data/sources/; do not edit by hand.
#
# legacy_codes: a code used before the 2022 edition whose meaning changed: either absent from the 2022 分类体系表
#   (育婴员 4-10-01-02) or reused there for another occupation (4-02-07-10 was 网约配送员, is 国际快递业务师 in 2022).
#   successor: the 2022 code of the same occupation, or null when none is known; candidates: 2022 codes to choose from
#   where the source names them. name_2022: what the code means in 2022.
# renames: a 2022 occupation that standards or the 国家职业资格目录 know by an earlier or other name.
#   legacy_code: the pre-2022 code under that name, when the source gives one.
# work_types: 工种 of the edition's occupations (occupation, name, code or null), each with its source
#   (sources/new_occupations_2019_2021.yaml); 工种 added by later releases are in releases/.
# verified: true where the row's source is a primary list or the row was checked by hand (sources/changes_checked.tsv).
""",
    notes,
)

# ---------------------------------------------------------------- releases after 2022
(OUT / "releases").mkdir(exist_ok=True)
added_by_name = {row["name"]: row for row in after["added"]}
in_2024 = set(releases_src[0]["occupations"])
shipped: set[str] = set()
for rel in releases_src:
    rid = rel["id"]
    rows_out = []
    if rid == "2024":
        chosen = [added_by_name[n] for n in rel["occupations"] if n in added_by_name]
        verified_release = {row["code"] for row in chosen}
    else:
        chosen = [row for row in after["added"] if row["name"] not in in_2024]
        verified_release = {added_by_name[n]["code"] for n in rel["occupations_verified"]}
    for row in sorted(chosen, key=lambda r: r["code"]):
        assert row["code"] not in occ and row["code"] not in shipped, row
        assert minors[row["code"][:7]] == row["minor_name"].replace("(", "（").replace(")", "）"), row
        shipped.add(row["code"])
        rows_out.append({
            "code": row["code"], "name": row["name"], "flag": row["flag"],
            "source": "osta 大典 API listing (versionId=2) via gqy20/hiro2 dadian-evolution.json; shared facts occupations_after_2022.yaml",
            "verified": True, "release_verified": row["code"] in verified_release,
        })  # fmt: skip
    renamed_out = []
    if rid == releases_src[-1]["id"]:
        for rn in after["renamed"]:
            assert occ[rn["code"]]["name"] == rn["name_2022"], rn
            renamed_out.append({
                "code": rn["code"], "name": rn["name"], "earlier_name": rn["name_2022"],
                "source": "osta 大典 API listing (versionId=2) via gqy20/hiro2; shared facts occupations_after_2022.yaml",
                "verified": True, "release_verified": False,
            })  # fmt: skip
    notes_out = [n for n in (rel.get("occupations_note"), rel.get("work_types_note"), rel.get("renames_note")) if n]
    notes_out += [f"{x['name']}: {x['note']}" for x in rel.get("not_in_listing", ())]
    out = {
        "format": "stdkit-release/1",
        "id": rid,
        "applies_to": "2022",
        "date": rel["date"].isoformat() if isinstance(rel["date"], datetime.date) else rel["date"],
        "title": rel["title"],
        "label": rel["label"],
        "source": rel["source"],
        "declared": rel["declared"],
        "notes": notes_out,
        "added": rows_out,
        "renamed": renamed_out,
        "removed": [],
        "work_types": [
            {"occupation": w["occupation"], "name": w["name"], "code": w["code"], "source": w["source"], "verified": True}
            for w in rel["work_types"]
        ],
    }
    dump_yaml(
        OUT / "releases" / f"{rid}.yaml",
        f"""# 职业分类大典: the release of {out['date']} ({rel['label']}), applied after the 2022 edition.
# Generated by scripts/data/build_reference.py from scripts/data/sources/releases.yaml and occupations_after_2022.yaml.
# verified: the row (code, name) is verified against its source; release_verified: that it belongs to this release.
""",
        out,
    )
assert len(shipped) == len(after["added"]) == 36

# ---------------------------------------------------------------- catalogue
GUESS = re.compile(r"（group name is a guess）$")
items = []
for it in cat["professional"]:
    name = it["name"]
    name_verified = not GUESS.search(name)
    name = GUESS.sub("", name)
    notes_: list[str] = []
    subs = it.get("sub_items") or []
    aliases, deps = [], list(it.get("departments") or [])
    dep_verified = it.get("departments_verified", it["verified"])
    for s in subs:
        if isinstance(s, dict):
            aliases.append(s["name"])
            if s.get("verified") is False:
                dep_verified = False
                notes_.append(f"sub-item {s['name']} (departments {'、'.join(s['departments'])}) is unverified in the source")
            deps += [x for x in s["departments"] if x not in deps]
        else:
            aliases.append(s)
    if it.get("note"):
        notes_.append(it["note"])
    row = {"id": it["id"], "name": name, "group": "professional", "category": it["kind"], "category_verified": it["verified"]}
    if not name_verified:
        row["name_verified"] = False
    row |= {
        "departments": deps,
        "departments_verified": bool(dep_verified) and it["verified"],
        "related_occupations": list(it.get("related_occupations") or []),
        "aliases": aliases,
    }
    if notes_:
        row["note"] = "; ".join(notes_)
    row["verified"] = it["verified"]
    items.append(row)

leaves_src = [leaf for it in cat["skill"]["items"] for leaf in (it.get("leaves") or [it["name"]])]
leaves_src = [GUESS.sub("", x) for x in leaves_src]
leaves_out = []
for it in skill_src:
    verified = bool(it.get("verified", False))
    row = {"id": it["id"], "name": it["name"], "group": "skill", "category": it["category"], "category_verified": verified}
    if it.get("category_source"):
        row["category_note"] = f"the shared facts say {it['category_source']} (not verified)"
    if not it["name_verified"]:
        row["name_verified"] = False
    leaves = list(it["leaves"])
    leaves_out += leaves
    row |= {
        "departments": list(it["departments"]),
        "departments_verified": False,
        "related_occupations": list(it["related_occupations"]),
        "aliases": [x for x in leaves if x != it["name"]],
    }
    notes_ = [] if verified else ["grouping of the leaves into this item is a reconstruction (not verified)"]
    if it.get("note"):
        notes_.append(it["note"])
    if notes_:
        row["note"] = "; ".join(notes_)
    row["verified"] = verified
    for c in row["related_occupations"]:
        assert c in occ, c
    items.append(row)
assert sorted(leaves_out) == sorted(leaves_src) and len(leaves_out) == 23, (leaves_out, leaves_src)

m = cat["meta"]
n_prof = sum(1 for i in items if i["group"] == "professional")
n_skill = sum(1 for i in items if i["group"] == "skill")
assert (n_prof, n_skill) == (59, 13)
out_cat = {
    "format": "stdkit-qualification-catalogue/1",
    "meta": {
        "title": m["title"], "edition": "2021", "issuer": m["issuer"],
        "date": m["date"].isoformat(), "announced": m["announced"].isoformat(),
        "source": "人力资源社会保障部《国家职业资格目录（2021年版）》(zh.wikisource.org 国家职业资格目录（2021年版）; 人社部 release of 2021-12-02); structured reconstruction in stdkit's shared facts (qualification_catalogue_2021.yaml) and scripts/data/sources/skill_items_2021.yaml",
        "totals": m["totals"],
        "verified": m["verified"],
        "rows": {"professional": n_prof, "skill": n_skill, "skill_leaves": len(leaves_out)},
        "notes": [
            "meta (title, issuer, date, totals) is verified; rows carry their own `verified`.",
            "The 13 技能人员职业资格 are shipped as 13 items over the 23 verified leaf names. The 5 licensing groups and their category 准入类 are verified; "
            "the grouping of the other 14 leaves into 8 items, their group names, categories and every skill department are a reconstruction (verified: false, 未核实).",
            "The grouping of 专业技术 leaves beyond items 1–8 is an inference that reproduces the official counts (33 准入类 + 26 水平评价类).",
            "category null: the category is not verified (shown as 未核实); category_note keeps an uncertain source value such as 准入类?.",
            "name_verified: false: the item's group name is a guess (shown with that caveat).",
            "related_occupations are 大典 2022 codes; the qualification→occupation mapping is the compiler's judgement unless a row says otherwise.",
        ],
    },  # fmt: skip
    "items": items,
}
dump_yaml(
    OUT / "qualification_catalogue_2021.yaml",
    """# 国家职业资格目录（2021年版） for stdkit. Generated by scripts/data/build_reference.py; do not edit by hand.
# Every item: id, name, group (professional | skill), category (准入类 | 水平评价类 | null = 未核实), departments,
# related_occupations (大典 2022 codes), aliases (sub-items / leaves, used for name matching), verified.
# `verified: false` rows are reconstructions; never present them as verified.
""",
    out_cat,
)
print("ok", counts, len(legacy), len(renames), n_prof, n_skill)
