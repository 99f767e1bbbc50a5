"""Regenerate stdkit's shipped reference data (src/stdkit/data/) from ../shared/data; output is committed and deterministic."""
import json, re, yaml
from pathlib import Path

SRC = Path(__file__).resolve().parents[3] / "shared" / "data"  # ../shared/data beside the repository
OUT = Path(__file__).resolve().parents[2] / "src" / "stdkit" / "data"

full = json.loads((SRC / "occupations_2022_full.json").read_text("utf-8"))
sample = yaml.safe_load((SRC / "occupations_sample.yaml").read_text("utf-8"))
cat = yaml.safe_load((SRC / "qualification_catalogue_2021.yaml").read_text("utf-8"))

# ---------------------------------------------------------------- occupations
rows = sorted(full["occupations"], key=lambda o: o["code"])
minor = {}
for o in rows:
    assert o["minor"] == o["code"][:7] and o["middle"] == o["code"][:4] and o["major"] == o["code"][0]
    assert full["middle_categories"][o["middle"]] == o["middle_name"]
    assert minor.setdefault(o["minor"], o["minor_name"]) == o["minor_name"]
    assert (o["flag"] is not None and "S" in o["flag"]) == o["digital"] and (o["flag"] is not None and "L" in o["flag"]) == o["green"]
empty_middles = sorted(k for k in full["middle_categories"] if k not in {o["middle"] for o in rows})
occ = {o["code"]: o for o in rows}
n_s = sum(o["digital"] for o in rows); n_l = sum(o["green"] for o in rows); n_ls = sum(o["digital"] and o["green"] for o in rows)
off = sample["structure"]["official_counts_from_memory"]
doc = {
    "format": "stdkit-occupations/1",
    "title": "中华人民共和国职业分类大典（2022年版）",
    "edition": "2022",
    "source": full["source"],
    "flags": {"S": "数字职业", "L": "绿色职业", "L/S": "数字职业 and 绿色职业"},
    "verified": {
        "rows": True,
        "note": "Every code, name and flag below is from the parse of the published 分类体系表 (all 1639 codes cross-checked against a second transcription); the hand-checked subset in occupations_sample.yaml agrees row for row.",
        "counts": {"major": len(full["major_categories"]), "middle": len(full["middle_categories"]),
                   "middle_with_occupations": len({o["middle"] for o in rows}),
                   "minor_with_occupations": len(minor), "occupations": len(rows),
                   "digital_S": n_s, "green_L": n_l, "both_LS": n_ls},
        "unverified": [
            f"Official totals ({off['minor']} 小类 / {off['occupations']} 细类, from press releases quoted from memory) differ from this parse ({len(rows)} 细类); the parse is the data, the official totals are unverified.",
            f"The source states 450 小类, but its rows name only {len(minor)} 小类 and it has no separate 小类 table; minor_categories lists the {len(minor)} that occur.",
            "The 中类 " + ", ".join(empty_middles) + " (其他…) are in the 中类 table but have no 细类 rows in the source.",
        ],
    },
    "major_categories": dict(sorted(full["major_categories"].items())),
    "middle_categories": dict(sorted(full["middle_categories"].items())),
    "minor_categories": dict(sorted(minor.items())),
    "columns": ["code", "name", "flag"],
    "occupations": [[o["code"], o["name"], o["flag"]] for o in rows],
}

def dumps(v):
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

# ---------------------------------------------------------------- notes
legacy, renames = [], []
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
        legacy.append({"code": lc, "name": r["name"], "successor": c22,
                       "successor_name": occ[c22]["name"] if c22 else None,
                       "name_2022": occ[lc]["name"] if lc in occ else None,
                       "source": src or "not stated in the source row", "note": r.get("note", ""),
                       "verified": r["verified"]})
    else:
        assert occ[c22]["name"] != r["name"]
        renames.append({"code": c22, "name": occ[c22]["name"], "earlier_name": r["name"], "legacy_code": lc,
                        "source": src or "not stated in the source row; the 2022 name is from the 分类体系表",
                        "note": r.get("note", ""), "verified": r["verified"]})
notes = {
    "format": "stdkit-occupation-notes/1",
    "edition": "2022",
    "source": "occupations_sample.yaml (stdkit shared facts, hand-checked): legacy_codes; 2022 names from the 大典 2022 分类体系表",
    "legacy_codes": sorted(legacy, key=lambda x: x["code"]),
    "renames": sorted(renames, key=lambda x: (x["code"], x["earlier_name"])),
}
hdr = """# Notes on 职业分类大典 codes and names, for resolving the codes that pre-2022 standards use.
# Generated from stdkit's shared facts (occupations_sample.yaml); `verified` is copied from each source row.
#
# legacy_codes: a code used before the 2022 edition whose meaning changed: either absent from the 2022 分类体系表
#   (育婴员 4-10-01-02) or reused there for another occupation (4-02-07-10 was 网约配送员, is 国际快递业务师 in 2022).
#   successor: the 2022 code of the same occupation, or null when none is known. name_2022: what the code means in 2022.
# renames: a 2022 occupation that standards or the 国家职业资格目录 know by an earlier or other name.
#   legacy_code: the pre-2022 code under that name, when the source gives one.
"""
(OUT / "occupation_notes.yaml").write_text(hdr + yaml.safe_dump(notes, allow_unicode=True, sort_keys=False, width=1000, default_flow_style=False), "utf-8")

# ---------------------------------------------------------------- catalogue
GUESS = re.compile(r"（group name is a guess）$")
items = []
for group, src_items in (("professional", cat["professional"]), ("skill", cat["skill"]["items"])):
    for it in src_items:
        name = it["name"]; notes_ = []
        if GUESS.search(name):
            name = GUESS.sub("", name); notes_.append("group name is a guess")
        kind = it["kind"]; category_note = None
        if kind in ("准入类", "水平评价类", "unknown"):
            category = kind
        else:
            category = "unknown"; category_note = kind
        subs = it.get("sub_items") or it.get("leaves") or []
        aliases, sub_detail, deps = [], [], list(it.get("departments") or [])
        dep_verified = it.get("departments_verified", it["verified"])
        for s in subs:
            if isinstance(s, dict):
                aliases.append(s["name"])
                d = {"name": s["name"], "departments": s["departments"]}
                if "verified" in s:
                    d["verified"] = s["verified"]
                    if not s["verified"]:
                        dep_verified = False
                        notes_.append(f"sub-item {s['name']} (departments {'、'.join(s['departments'])}) is unverified in the source")
                sub_detail.append(d)
                for x in s["departments"]:
                    if x not in deps:
                        deps.append(x)
            else:
                aliases.append(s)
        if group == "skill" and category == "准入类" and not it["verified"]:
            category_note = "source: skill-item categories are unverified except the 5 licensing groups named in the 人社部 release"
        if it.get("note"):
            notes_.append(it["note"])
        row = {"id": it["id"], "name": name, "group": group, "category": category}
        if category_note:
            row["category_note"] = category_note
        row["departments"] = deps
        row["departments_verified"] = bool(dep_verified) and it["verified"]
        row["related_occupations"] = list(it.get("related_occupations") or [])
        row["aliases"] = aliases
        if sub_detail:
            row["sub_items"] = sub_detail
        if notes_:
            row["note"] = "; ".join(notes_)
        row["verified"] = it["verified"]
        for c in row["related_occupations"]:
            assert c in occ, c
        items.append(row)

m = cat["meta"]
n_prof = sum(1 for i in items if i["group"] == "professional")
n_skill = sum(1 for i in items if i["group"] == "skill")
skill_leaves = sum(len(i["aliases"]) or 1 for i in items if i["group"] == "skill")
out = {
    "format": "stdkit-qualification-catalogue/1",
    "meta": {
        "title": m["title"], "edition": "2021", "issuer": m["issuer"],
        "date": m["date"].isoformat(), "announced": m["announced"].isoformat(),
        "source": "人力资源社会保障部《国家职业资格目录（2021年版）》(zh.wikisource.org 国家职业资格目录（2021年版）; 人社部 release of 2021-12-02); structured reconstruction in stdkit's shared facts (qualification_catalogue_2021.yaml)",
        "totals": m["totals"],
        "verified": m["verified"],
        "rows": {"professional": n_prof, "skill": n_skill, "skill_leaves": skill_leaves},
        "notes": [
            "meta (title, issuer, date, totals) is verified; rows carry their own `verified`.",
            f"The 13 技能人员职业资格 cover {skill_leaves} verified leaf names, but their grouping into 13 items could not be reconstructed; "
            f"they are shipped as {n_skill} rows (multi-leaf groups plus single leaves), so the skill row count is not the official item count.",
            "The grouping of 专业技术 leaves beyond items 1–8 is an inference that reproduces the official counts (33 准入类 + 26 水平评价类).",
            "category unknown: the source does not know the category; category_note keeps an uncertain source value such as 准入类?.",
            "related_occupations are 大典 2022 codes; the qualification→occupation mapping is the compiler's judgement unless a row says otherwise.",
        ],
    },
    "items": items,
}
chdr = """# 国家职业资格目录（2021年版） for stdkit, normalised from stdkit's shared facts.
# Every item: id, name, group (professional | skill), category (准入类 | 水平评价类 | unknown), departments,
# related_occupations (大典 2022 codes), aliases (sub-items / leaves, used for name matching), verified.
# `verified: false` rows are reconstructions; never present them as verified.
"""
(OUT / "qualification_catalogue_2021.yaml").write_text(chdr + yaml.safe_dump(out, allow_unicode=True, sort_keys=False, width=1000, default_flow_style=None), "utf-8")
print("ok", n_prof, n_skill, skill_leaves, len(legacy), len(renames))
