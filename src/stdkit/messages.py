"""What stdkit says outside the rule catalogue: the CLI's failures, notices and summaries, and the
text of the exceptions that reach the user — in Chinese (the default) and in English.

A finding's words live with its rule (:mod:`stdkit.diagnostics`); every other sentence lives here,
once, as a key with a Chinese and an English template whose ``{names}`` are the message's fields.
Code raises or returns a :class:`Message` (or a :class:`Localized` exception carrying one) and the CLI
renders it in the chosen language where it prints. This module never prints and never reads the
environment: the language is always given.
"""

from __future__ import annotations

import dataclasses
import string
from collections.abc import Mapping

from stdkit.helptext import HELP

#: key → (Chinese, English). The English is the wording stdkit has always printed.
MESSAGES: dict[str, tuple[str, str]] = {
    # -- the CLI's own lines
    "cli.prefix": ("stdkit：{text}", "stdkit: {text}"),
    "cli.skipped": (
        "提示：已跳过 {path}：不是 stdkit 文档（{reason}）",
        "note: skipped {path}: not a stdkit document ({reason})",
    ),
    "cli.no_such_file": ("{path}：文件不存在", "{path}: no such file"),
    "cli.site_missing": (
        '生成网站需要 stdkit 的 site 扩展（未安装：{missing}）。请运行：`pip install "{requirement}"`',
        'the site needs stdkit\'s extra `site` (not installed: {missing}). Run: `pip install "{requirement}"`',
    ),
    "cli.not_a_repository": (
        "{root} 不是标准仓库：这里及上级目录都没有 stdkit.toml，也没有 standards/ 文件夹。"
        "运行 `stdkit init` 在此新建一个标准仓库，或进入已有的标准仓库再运行；也可以直接指定文件：stdkit check 文件.yaml",
        "{root} is not a standards repository: no stdkit.toml here or above, and no standards/ folder. "
        "Run `stdkit init` to make one here, or run stdkit inside an existing one; or name the files: "
        "stdkit check FILE.yaml",
    ),
    "cli.exists_force": (
        "{path} 已存在；请另选 --output，或加 --force 覆盖",
        "{path} already exists; choose another --output or pass --force",
    ),
    "cli.exists_edit": (
        "{path} 已存在；请另选 --output，或直接编辑该文件",
        "{path} already exists; choose another --output or edit the file",
    ),
    "cli.wrote": ("已写入 {path}", "wrote {path}"),
    "cli.cannot_write": ("无法写入 {path}：{why}", "cannot write {path}: {why}"),
    "cli.no_document": (
        "没有 id 为 {id!r} 且通过校验的文档；运行 `stdkit validate` 查看原因",
        "no document with id {id!r} validates; run `stdkit validate` to see why",
    ),
    "cli.no_document_found": (
        "没有 id 为 {id!r} 且通过校验的文档；请先改正：\n{findings}",
        "no document with id {id!r} validates; fix first:\n{findings}",
    ),
    "cli.no_edition": (
        "{id} 没有版本 {edition!r}；现有版本：{known}",
        "{id} has no edition {edition!r}; editions: {known}",
    ),
    "cli.no_published": (
        "{id} 没有已发布的版本；请写成 {id}@版本 指定一个，或加 --drafts",
        "{id} has no published edition; name one as {id}@EDITION or pass --drafts",
    ),
    "cli.no_level": (
        "{ref} 没有等级 {level!r}；现有等级：{levels}",
        "{ref} has no level {level!r}; levels: {levels}",
    ),
    "cli.outside_root": (
        "{folder} 不在集合根目录 {root} 之内",
        "{folder} is outside the collection root {root}",
    ),
    "cli.serve_failed": ("预览服务失败（serve）：{problem}", "serve: {problem}"),
    "serve.tally": (
        "{errors} 个错误，{warnings} 个警告（新增 {new} 个，消失 {gone} 个）；检查报告页（check.html）列出全部",
        "{errors} errors, {warnings} warnings ({new} new, {gone} gone); the check page (check.html) lists them all",
    ),
    "build.stopped": (
        "构建已停止：请先修正上面的错误；未写入任何文件",
        "build stopped: fix the errors above; nothing was written",
    ),
    "build.done": (
        "已检查 {files} 个文档；站点和 {blueprints} 份考核蓝图已写入 {folder}",
        "{files} documents checked; the site and {blueprints} blueprints written to {folder}",
    ),
    "build.shard_needs_out": (
        "--shard 和 --merge 需要 --out：写入的文件夹",
        "--shard and --merge need --out: the folder to write",
    ),
    "build.shard_done": (
        "已检查 {files} 个文档；分片 {shard} 的页面和 {blueprints} 份考核蓝图已写入 {folder}",
        "{files} documents checked; shard {shard}: its pages and {blueprints} blueprints written to {folder}",
    ),
    # -- shards (stdkit build --shard / --merge)
    "shard.unknown": (
        "没有名为 {name} 的分片；本文件集的分片为：{names}（见 `stdkit build --shards`）",
        "there is no shard {name}; the shards of this collection are: {names} (see `stdkit build --shards`)",
    ),
    "shard.no_manifest": (
        "{folder} 不是分片的输出（没有 {manifest}）；请给出 `stdkit build --shard NAME --out DIR` 写出的文件夹",
        "{folder} is not a shard's output (it has no {manifest}); give the folders written by "
        "`stdkit build --shard NAME --out DIR`",
    ),
    "shard.bad_manifest": (
        "{folder}/{manifest} 无法读取（{why}）；请重新构建该分片",
        "{folder}/{manifest} cannot be read ({why}); build that shard again",
    ),
    "shard.version": (
        "{folder}：分片 {name} 由 stdkit {theirs} 构建，而合并使用 stdkit {ours}；请用同一版本重新构建全部分片",
        "{folder}: shard {name} was built by stdkit {theirs}, the merge runs stdkit {ours}; "
        "build every shard with the same version",
    ),
    "shard.fingerprint": (
        "{folder}：分片 {name} 构建自另一份文件集（指纹 {theirs}，此处为 {ours}）；"
        "请从同一提交、同一配置重新构建全部分片",
        "{folder}: shard {name} was built from another collection (fingerprint {theirs}, here {ours}); "
        "build every shard from the same commit and configuration",
    ),
    "shard.duplicate": (
        "分片 {name} 出现了两次：{folders}；每个分片只能给出一次",
        "shard {name} is given twice: {folders}; give each shard once",
    ),
    "shard.missing": (
        "缺少分片 {names}；本文件集的分片为：{all}（`stdkit build --shard NAME` 逐个构建）",
        "shards missing: {names}; the shards of this collection are: {all} "
        "(build each with `stdkit build --shard NAME`)",
    ),
    "shard.extra": (
        "{folder}：分片 {name} 在本文件集中没有文件；请只给出 `stdkit build --shards` 列出的分片",
        "{folder}: shard {name} has no documents in this collection; give only the shards "
        "`stdkit build --shards` lists",
    ),
    "shard.damaged": (
        "{folder}/{file}：文件缺失或在构建后被改动；请重新构建分片 {name}",
        "{folder}/{file}: missing or changed since the shard was built; build shard {name} again",
    ),
    "shard.overlap": (
        "{file} 同时出现在两个分片中（{folders}）；请重新构建这些分片",
        "{file} is in two shards ({folders}); build those shards again",
    ),
    "build.withheld": (
        "{count} 个已发布但未完成的文档没有生成考核蓝图：{refs}",
        "no blueprints for {count} published documents not finished: {refs}",
    ),
    "build.drafts_skipped": (
        "{count} 个草案（或征求意见稿）有错误，本次构建跳过了它们，其余文档照常构建：{paths}；错误见上",
        "skipped {count} draft(s) or consultation draft(s) with errors, and built the other documents: "
        "{paths}; their errors are listed above",
    ),
    "build.findings": (
        "未阻止构建的问题：{shown}；`stdkit check` 会列出它们所在的行",
        "findings that did not stop the build: {shown}; `stdkit check` lists them with their lines",
    ),
    "export.wrote": ("已写入 {path}（{ref}，{size} 字节）", "wrote {path} ({ref}, {size} bytes)"),
    "init.is_file": (
        "{root} 是一个文件；请给出新仓库的文件夹",
        "{root} is a file; give a folder for the new repository",
    ),
    "init.exists": (
        "{root}：{names} 已存在；未写入任何文件。请先移走它们，或运行 `stdkit init --force` 覆盖",
        "{root}: {names} already exist(s); nothing was written. "
        "Move them away, or run `stdkit init --force` to overwrite them",
    ),
    "init.wrote": ("已在 {root} 写入标准仓库：", "wrote a standards repository in {root}:"),
    "init.schema": (
        "  schema/（供编辑器使用的 JSON Schema）",
        "  schema/ (the JSON Schemas for your editor)",
    ),
    "init.next": (
        "下一步：`stdkit check`，然后用 `stdkit serve` 预览；参见手册中的「快速上手」",
        "next: `stdkit check`, then `stdkit serve` to preview; see the quickstart (快速上手) in the manual",
    ),
    "new.no_occupation": (
        "--occupation {code}：职业分类大典中没有这个编码的职业；用 `stdkit lookup 名称` 查找",
        "--occupation {code}: no occupation of the 职业分类大典 has this code; "
        "find it with `stdkit lookup NAME`",
    ),
    "new.wrote_schema": (
        "已写入 {folder}/（编辑器模式行所指的 JSON Schema）",
        "wrote {folder}/ (the JSON Schemas the editor modeline points at)",
    ),
    "new.fill_in": (
        "请填写每一处「{placeholder}」，然后运行 `stdkit check {path}`",
        "fill in every 「{placeholder}」, then run `stdkit check {path}`",
    ),
    # -- stdkit release
    "release.bad_name": (
        "发布名称 {name!r} 无效：请写 年.月（如 2026.12），同月第二次发布写 2026.12.2",
        "bad release name {name!r}: write YEAR.MONTH (2026.12), or 2026.12.2 for a second release in a month",
    ),
    "release.exists": (
        "{path} 已存在：发布记录一经写入不再改写；请另取一个更晚的名称",
        "{path} exists: a release is never rewritten; choose a later name",
    ),
    "release.not_newer": (
        "发布名称 {name} 早于最新的发布 {newest}：请取一个更晚的名称",
        "release {name} would come before the newest release {newest}: choose a later name",
    ),
    "release.no_git": (
        "无法发布：这里不是可读的 git 仓库（{problem}）；请在完整克隆的仓库中运行",
        "cannot release: this is not a git repository git can read ({problem}); run it in a full clone",
    ),
    "release.shallow": (
        "无法发布：这是浅克隆；`stdkit check` 需要从完整历史中读取发布时的文本。请先运行 `git fetch --unshallow`",
        "cannot release in a shallow clone: `stdkit check` reads the released text from the full history. "
        "Run `git fetch --unshallow` first",
    ),
    "release.uncommitted": (
        "无法发布：{path} 等 {count} 个文件有未提交的改动；请先提交，使发布记录与一次提交相对应",
        "cannot release: {path} and {count} file(s) in all have changes that are not committed; commit them first, "
        "so that the release matches a commit",
    ),
    "release.not_clean": (
        "无法发布：文件库有错误（见上）；请先修正",
        "cannot release: the collection has errors (above); fix them first",
    ),
    "release.wrote": (
        "已写入 {path}（{documents} 个已发布版本）；请提交该文件并打标签",
        "wrote {path} ({documents} issued editions); commit it and tag the release",
    ),
    # -- stdkit crosswalk
    "crosswalk.no_edition": (
        "文件库中没有通过校验的版本 {ref}（该 id 的版本：{known}）；请写 id@edition，或运行 `stdkit validate` 查看原因",
        "no edition {ref} validates in the collection (editions of that id: {known}); write id@edition, or run "
        "`stdkit validate` to see why",
    ),
    "crosswalk.not_superseding": (
        "{new} 并不替代 {old}（其 `supersedes:` 为 {named}）；请先在 {new} 中写 `supersedes: {old}`",
        "{new} does not supersede {old} (its `supersedes:` is {named}); write `supersedes: {old}` in {new} first",
    ),
    "crosswalk.exists": (
        "{path} 已存在；请直接编辑该文件，或加 --force 重新提议（其中的更正将丢失）",
        "{path} already exists; edit it, or pass --force to propose it again (its corrections are lost)",
    ),
    "crosswalk.wrote": (
        "已写入 {path}：{rows} 行（{counts}），状态为提议稿（proposed）",
        "wrote {path}: {rows} rows ({counts}), status proposed",
    ),
    "crosswalk.next": (
        "请逐行核对 {path}（注释中是两版的条文），更正变化类型、写明修订说明，改为 `status: confirmed` 后运行 `stdkit check`",
        "check every row of {path} (its texts are in the comments), correct the relations, write the notes, set "
        "`status: confirmed`, then run `stdkit check`",
    ),
    "schema.stale": ("{path}：已过期；请运行 `stdkit schema`", "{path}: out of date; run `stdkit schema`"),
    # -- stdkit lookup
    "lookup.none": (
        "没有与「{query}」匹配的职业或工种（依据：{basis}）{hint}。",
        "No occupation or 工种 of the 大典 ({basis}) matches 「{query}」{hint}.",
    ),
    "lookup.closest": ("；最接近的：{names}", "; closest: {names}"),
    "lookup.try": (
        "请试试名称中较短的一部分，或编码前缀，如 4-04-05。",
        "Try a shorter part of the name, or a code prefix such as 4-04-05.",
    ),
    "lookup.row": ("共 {count} 条 — {basis}", "{count} row — {basis}"),
    "lookup.rows": ("共 {count} 条 — {basis}", "{count} rows — {basis}"),
    "lookup.edition": ("{edition} 年版", "{edition} edition"),
    "lookup.release": ("{date} 发布{unverified}", "{date} release{unverified}"),
    "lookup.unverified": ("（发布批次未核实）", " (release 未核实)"),
    "lookup.pending": ("stdkit.toml 声明为公示中：{source}", "declared pending in stdkit.toml: {source}"),
    "lookup.documents": ("文档：{documents}", "documents: {documents}"),
    "lookup.no_documents": ("无", "none"),
    "lookup.matched_by": ("{by}：{matched}", "{by}: {matched}"),
    "lookup.catalogue": ("目录：{items}", "目录: {items}"),
    "lookup.by.earlier name": ("曾用名", "earlier name"),
    "lookup.by.earlier code": ("原编码", "earlier code"),
    "lookup.by.工种": ("工种", "工种"),
    "lookup.by.pending": ("公示中", "pending"),
    "lookup.item": ("{category}：{name}", "{category}: {name}"),
    # -- reference data
    "reference.basis": ("{head}", "{head}"),
    "reference.basis_releases": (
        "{head}及 {years} 年发布的新职业信息",
        "{head} and the new occupations released in {years}",
    ),
    "reference.guess": ("{name}（组名为推测）", "{name}（group name is a guess）"),
    "progress.documents": ("{done}/{total} 个文件", "{done}/{total} documents"),
    # -- reference data files (the 大典, the catalogue, a release of a collection's own)
    "refdata.where": ("{where}：{problem}", "{where}: {problem}"),
    "refdata.want_mapping": ("应为映射（键: 值），实为{got}", "expected a mapping, got {got}"),
    "refdata.string_keys": ("键必须是字符串，实为 {got}", "keys must be strings, got {got}"),
    "refdata.want_list": ("应为列表，实为{got}", "expected a list, got {got}"),
    "refdata.want_text": ("应为非空字符串，实为{got}", "expected a non-empty string, got {got}"),
    "refdata.want_flag": ("应为 true 或 false，实为{got}", "expected true or false, got {got}"),
    "refdata.want_count": ("应为计数（非负整数），实为{got}", "expected a count, got {got}"),
    "refdata.bad_code": (
        "{code} 不是 X-XX-XX-XX 形式的职业编码（如 6-31-01-03）",
        "{code} is not an occupation code of the form X-XX-XX-XX (e.g. 6-31-01-03)",
    ),
    "refdata.not_classification": (
        "没有 'occupations' 列表：这不是职业分类文件",
        "no 'occupations' list: this is not an occupation classification file",
    ),
    "refdata.columns": ("至少要列出 'code' 和 'name'", "must name at least 'code' and 'name'"),
    "refdata.row_values": (
        "应有 {count} 个值（{columns}），实有 {got} 个",
        "expected {count} values ({columns}), got {got}",
    ),
    "refdata.duplicate_code": ("编码重复", "duplicate code"),
    "refdata.no_group_name": (
        "没有其{level} {key} 的名称：请在{level}表中补充",
        "no name for its {level} {key}: add it to the {level} table",
    ),
    "refdata.empty": ("列表为空", "the list is empty"),
    "refdata.not_catalogue": (
        "没有 'items' 列表：这不是国家职业资格目录文件",
        "no 'items' list: this is not a qualification catalogue file",
    ),
    "refdata.duplicate_id": ("标识重复", "duplicate id"),
    "refdata.want_group": ("应为 {groups} 之一，实为{got}", "expected one of {groups}, got {got}"),
    "refdata.want_category": (
        "应为 准入类、水平评价类 或 {unverified}，实为{got}；不确定时写 {unverified}，并把不确定的值记在 category_note 中",
        "expected 准入类, 水平评价类 or {unverified}, got {got}; write {unverified} and keep an uncertain value in category_note",
    ),
    "refdata.not_release": (
        "没有 'added'、'renamed' 或 'removed' 列表：这不是大典发布文件",
        "no 'added', 'renamed' or 'removed' list: this is not a 大典 release file",
    ),
    "refdata.want_date": (
        "应为发布日期（YYYY-MM-DD），实为{got}",
        "expected the release date (YYYY-MM-DD), got {got}",
    ),
    "refdata.minor_missing": (
        "其小类 {minor} 不在该版本中：请给出 minor_name，或更正编码",
        "its 小类 {minor} is not in the edition: give minor_name, or correct the code",
    ),
    "refdata.bad_work_type": (
        "{code} 不是 {occupation} 的工种编码（X-XX-XX-XX-XXX）",
        "{code} is not a 工种 code of {occupation} (X-XX-XX-XX-XXX)",
    ),
    "refdata.kind_null": ("空值（null）", "nothing (null)"),
    "refdata.kind_text": ("字符串 {text}", "the string {text}"),
    "refdata.kind_blank": ("空字符串", "an empty string"),
    "refdata.kind_flag": ("布尔值 {value}", "the boolean {value}"),
    "refdata.kind_mapping": ("映射", "a mapping"),
    "refdata.kind_list": ("列表", "a list"),
    "refdata.kind_number": ("数字", "a number"),
    "refdata.kind_other": ("{name}", "{name}"),
    "reference.file": ("{path}：{problem}", "{path}: {problem}"),
    "reference.too_large": ("文件大于 {mb} MB", "file is larger than {mb} MB"),
    "reference.not_utf8": (
        "不是 UTF-8 文本（第 {byte} 字节：{reason}）",
        "not UTF-8 text ({reason} at byte {byte})",
    ),
    "reference.not_yaml": ("不是有效的 YAML：{problem}", "not valid YAML: {problem}"),
    "reference.not_json": ("不是有效的 JSON：{problem}", "not valid JSON: {problem}"),
    "reference.unreadable": ("无法读取该文件：{why}", "cannot read the file: {why}"),
    "reference.unreadable_packaged": (
        "无法读取随包附带的文件：{why}",
        "cannot read the packaged file: {why}",
    ),
    # -- the cache
    "cache.damaged": (
        "{path}：已忽略一条损坏的缓存记录（{problem}）；将重新生成",
        "{path}: ignored a damaged cache record ({problem}); it is rebuilt",
    ),
    "cache.tracked": (
        "{path}：该缓存文件夹已被 git 跟踪（提交进了仓库），本次不使用它；请执行 git rm -r --cached {path}，缓存只应留在本机",
        "{path}: git tracks this cache folder (it was committed), so it is not used; run git rm -r --cached {path}: a cache belongs to one machine",
    ),
    "cache.untold": (
        "{path}：git 无法说明是否跟踪该缓存文件夹（{problem}），本次不使用它",
        "{path}: git cannot tell whether it tracks this cache folder ({problem}), so it is not used",
    ),
    "cache.link": (
        "{path}：该缓存文件夹是一个链接，本次不使用它；请删除该链接，stdkit 会在此新建缓存",
        "{path}: this cache folder is a link, so it is not used; remove the link and stdkit makes a new cache here",
    ),
    "cache.foreign": (
        "{path}：该缓存文件夹不是本机的 stdkit 创建的（来自较早版本、别的机器或仓库提交），已清空重建",
        "{path}: this cache folder was not made by stdkit on this machine (an older stdkit, another machine or a commit); it was emptied and is rebuilt",
    ),
    "cache.no_secret": (
        "{path}：无法读取或创建缓存密钥（{problem}），本次不使用缓存",
        "{path}: the cache's secret cannot be read or made ({problem}); running without the cache",
    ),
    "cache.unwritable": (
        "{path}：无法写入缓存（{problem}）；本次不使用缓存",
        "{path}: the cache cannot be written ({problem}); running without it",
    ),
    # -- a collection's own 大典 release (stdkit.toml [stdkit.reference] releases)
    "release.applies_to": (
        "applies_to：该发布接续 {release} 年版，但载入的大典是 {edition} 年版",
        "applies_to: the release follows the {release} edition, but the loaded 大典 is the {edition} edition",
    ),
    "release.taken": (
        "added[{i}]（{code}）：该编码已是「{name}」",
        "added[{i}] ({code}): the code is already 「{name}」",
    ),
    "release.no_code": (
        "{list}[{i}]（{code}）：没有职业使用这个编码",
        "{list}[{i}] ({code}): no occupation has this code",
    ),
    "release.earlier_name": (
        "renamed[{i}]（{code}）：earlier_name 为「{earlier}」，但该编码是「{name}」",
        "renamed[{i}] ({code}): earlier_name is 「{earlier}」, but the code is 「{name}」",
    ),
    "release.successor": (
        "removed[{i}]（{code}）：successor {successor} 不是职业",
        "removed[{i}] ({code}): successor {successor} is not an occupation",
    ),
    "release.work_type": (
        "work_types[{i}]（{name}）：{occupation} 不是职业",
        "work_types[{i}] ({name}): {occupation} is not an occupation",
    ),
    # -- reports
    "report.basis": ("职业分类依据：{basis}", "occupation reference: {basis}"),
    # -- stdkit.toml
    "config.unreadable": ("{path}：{problem}", "{path}: {problem}"),
    "config.invalid": ("{path}：{problem}", "{path}: {problem}"),
    "config.defaults": ("{root} 中 stdkit.toml 的默认值", "the defaults of stdkit.toml in {root}"),
    "config.setting": ("{where} 的 {key}", "{key} of {where}"),
    "config.problems": ("{problems}", "{problems}"),
    "config.unknown_key": ("未知的键 {key}", "unknown key {key}"),
    "config.bad_value": (
        "{key}：{problem}（实际为 {found}）",
        "{key}: {problem} (found {found})",
    ),
    "config.outside": (
        "{path}：{key} = {value!r} 指向仓库 {root} 之外；请写仓库内的路径",
        "{path}: {key} = {value!r} leaves the repository {root}; name a path inside it",
    ),
    "config.site_url": (
        "{path}：site_url = {value!r} 不可用；请写站点的 https 地址（如 https://standards.example.org/），不带 ? 或 #",
        "{path}: site_url = {value!r} is not usable; write the site's https URL (like "
        "https://standards.example.org/), without ? or #",
    ),
    "config.not_a_code": (
        "{path}：severity.{code}：不是规则编码（三个大写字母加三个数字）",
        "{path}: severity.{code}: not a rule code (three capitals and three digits)",
    ),
    "config.unknown_codes": (
        "{path}：severity：没有规则的编码是 {codes}（见 `stdkit rules`）",
        "{path}: severity: no rule has the code {codes} (see `stdkit rules`)",
    ),
    # -- the output folder
    "output.refused": (
        "{setting} {target}：{why}；请选择类似 {suggestion} 的文件夹",
        "{setting} {target}: {why}; choose a folder such as {suggestion}",
    ),
    "output.outside": ("它在仓库 {root} 之外", "it is outside the repository {root}"),
    "output.repository": ("它就是仓库本身", "it is the repository itself"),
    "output.git": ("它包含一个 git 仓库", "it holds a git repository"),
    "output.standards": (
        "它就是、包含或位于标准文件夹 {folder} 之内",
        "it is, holds or lies inside the standards folder {folder}",
    ),
    "output.file": ("它是一个文件", "it is a file"),
    "output.foreign": (
        "它已存在且不是 stdkit 生成的（没有 {marker} 文件）；请手动删除",
        "it exists and was not made by stdkit (it has no {marker} file); remove it by hand",
    ),
    "output.tracked": (
        "git 跟踪其中的文件（如 {example}），stdkit 不替换含有已提交文件的文件夹（已提交的 {marker} 不能证明"
        "它由 stdkit 生成：拉取请求也能提交它）；请把输出写到 git 不跟踪的文件夹（列在 .gitignore 中），"
        "或先用 git rm -r --cached 取消跟踪",
        "git tracks files in it (such as {example}), and stdkit never replaces a folder that holds "
        "committed files (a committed {marker} does not show that stdkit made it: a pull request can commit "
        "one); build into a folder git does not track (list it in .gitignore), or untrack it first with "
        "git rm -r --cached",
    ),
    "output.untold": (
        "无法确认 git 是否跟踪其中的文件（{problem}），因此不替换它",
        "git cannot tell whether it tracks files in it ({problem}), so it is not replaced",
    ),
    "output.not_ours": (
        "{target} 不是 stdkit 生成的（没有 {marker} 文件）；请手动删除",
        "{target} was not made by stdkit (it has no {marker} file); remove it by hand",
    ),
    # -- build stages
    "build.feed_failed": (
        "变更通知（site/changes/）无法生成，未发布任何内容：{problem}",
        "the change feed (site/changes/) could not be made, nothing was published: {problem}",
    ),
    "build.site_failed": (
        "站点构建失败，未发布任何内容：{problem}",
        "site build failed, nothing was published: {problem}",
    ),
    "build.blueprints_failed": (
        "生成文档页面、考核蓝图、细目表和 CASE 包的工作进程意外结束（内存不足或被终止），未发布任何内容：{problem}；"
        "请重新运行 `stdkit build`，内存较小的机器可用 `stdkit build --shard` 分片构建",
        "a build worker (pages, blueprints, workbooks, CASE packages) ended unexpectedly (out of memory, or killed), "
        "nothing was published: {problem}; run `stdkit build` again, or build in shards (`stdkit build --shard`) "
        "on a machine with little memory",
    ),
    "publish.invalid": (
        "{count} 个输出文件未通过校验；未发布任何内容：\n{shown}{more}",
        "{count} output file(s) failed validation; nothing was published:\n{shown}{more}",
    ),
    "publish.more": ("\n  …… 另有 {count} 个", "\n  … and {count} more"),
    "site.mkdocs_config": (
        "{path}：无法加载 mkdocs 配置：{problem}",
        "{path}: cannot load the mkdocs configuration: {problem}",
    ),
    "site.no_plugin": (
        "{path}：`plugins` 中没有 `stdkit` 插件",
        "{path}: the `stdkit` plugin is not in `plugins`",
    ),
    "site.mkdocs_failed": ("mkdocs 构建失败：{problem}", "mkdocs build failed: {problem}"),
    "site.generated_path": (
        "{uri}：docs_dir（{docs_dir}）中有文件与生成的页面同路径；请改名或删除",
        "{uri}: a file in docs_dir ({docs_dir}) has the path of a generated page; rename or remove it",
    ),
    "site.changed": (
        "{path} 在构建站点期间被修改；请重新构建",
        "{path} changed while the site was being built; build again",
    ),
    # -- the experimental Zensical generator (stdkit.site.zensical_site)
    "site.zensical_missing": (
        "找不到 zensical 命令：请在另一个虚拟环境中 `pip install zensical`，并用环境变量 {variable} 指明其路径"
        "（或把它放进 PATH）；Zensical 不是 stdkit 的依赖",
        "the zensical command is not found: `pip install zensical` in a virtual environment of its own and name "
        "it in the environment variable {variable} (or put it on PATH); Zensical is no dependency of stdkit",
    ),
    "site.zensical_unsupported": (
        "试验性的 Zensical 生成器尚不支持 {what}；请改用默认的 mkdocs-material",
        "the experimental Zensical generator does not support {what} yet; use the default, mkdocs-material",
    ),
    "site.zensical_failed": ("zensical 构建失败：{problem}", "zensical build failed: {problem}"),
    # -- mkdocs.yml of an untrusted repository (stdkit.site.sources)
    "site.settings_refused": (
        "{path}：stdkit 不用这个 mkdocs 配置构建站点，未写入任何文件：\n{problems}",
        "{path}: stdkit builds no site with this mkdocs configuration; nothing was written:\n{problems}",
    ),
    "site.settings_outside": (
        "  {where}：{key} 为 {value}，指向仓库 {root} 之外；请写仓库内的路径",
        "  {where}: {key} is {value}, which leaves the repository {root}; name a path inside it",
    ),
    "site.settings_inherit": (
        "  {where}：INHERIT 会读取另一个配置文件，而它可以在任何位置；请把所需的设置写进本文件",
        "  {where}: INHERIT reads another configuration file, which could lie anywhere; "
        "copy the settings you need into this file",
    ),
    "site.settings_env": (
        "  {where}：{key} 使用了 !ENV，它读取构建机器的环境变量（CI 运行器的变量可能被发布）；请直接写出取值",
        "  {where}: {key} uses !ENV, which reads an environment variable of the machine that builds "
        "(a CI runner's could be published); write the value itself",
    ),
    "site.settings_tag": (
        "  {where}：{key} 使用了标签 {tag}，mkdocs 读取文件时会据此创建 Python 对象；请删除"
        "（Python 标签中只接受 !!python/name）",
        "  {where}: {key} has the tag {tag}, which makes a Python object as mkdocs reads the file; "
        "remove it (of the Python tags only !!python/name is accepted)",
    ),
    "site.settings_link": (
        "{path}：是指向仓库之外文件的符号链接，不读取；请把该文件复制到仓库内",
        "{path}: a symbolic link to a file outside the repository, not read; copy the file into the repository",
    ),
    "search.missing": (
        "未安装搜索索引程序：`pip install pagefind-bin-extended`（stdkit 的 site 扩展的依赖）",
        "the search indexer is not installed: `pip install pagefind-bin-extended` (a dependency of stdkit's extra `site`)",
    ),
    "search.cannot_run": ("搜索索引程序无法运行：{problem}", "the search indexer could not run: {problem}"),
    "search.stopped": (
        "搜索索引程序未作答就退出了；请重新运行 `stdkit build`，如仍出现请附上输出报告问题",
        "the search indexer stopped before answering; run `stdkit build` again, or report it with the output",
    ),
    "search.silent": (
        "搜索索引程序在 {seconds} 秒内没有作答；请重新运行 `stdkit build`，如仍出现请附上输出报告问题",
        "the search indexer did not answer within {seconds} s; run `stdkit build` again, or report it with the output",
    ),
    "search.said": ("搜索索引程序失败：{problem}", "the search indexer failed: {problem}"),
    "search.not_whole": (
        "{bundle}：搜索索引没有完整写出；请重新运行 `stdkit build`",
        "{bundle}: the search index was not written whole; run `stdkit build` again",
    ),
    # -- git (stdkit diff, check --changed-since)
    "git.cannot_run": ("无法运行 git：{problem}", "cannot run git: {problem}"),
    "git.said": ("git：{text}", "{text}"),
    "git.failed": ("git {command} 失败", "git {command} failed"),
    "git.bad_revision": ("无效的版本 {rev!r}", "bad revision {rev!r}"),
    "git.shallow": (
        "无效的版本 {rev!r}：此克隆是浅克隆，没有该版本。请获取完整历史："
        "actions/checkout 设置 `fetch-depth: 0`，或运行 `git fetch --unshallow origin`",
        "bad revision {rev!r}: this clone is shallow and does not have it. Fetch the history: "
        "`fetch-depth: 0` on actions/checkout, or `git fetch --unshallow origin`",
    ),
    "git.unknown_revision": (
        "无效的版本 {rev!r}：这里没有这个名称的提交（请先获取，如 `git fetch origin {rev}`）",
        "bad revision {rev!r}: no commit of that name here (fetch it first, e.g. `git fetch origin {rev}`)",
    ),
    # -- stdkit new
    "scaffold.bad_name": (
        "{what} {value!r} 不可用：只能写字母、数字、'.'、'_' 或 '-'（不能有 '/'、'..'、空格或换行）",
        "{what} {value!r} is not usable: write letters, digits, '.', '_' or '-' only "
        "(no '/', no '..', no spaces or line breaks)",
    ),
    "scaffold.the_id": ("编号", "the id"),
    "scaffold.the_edition": ("版本", "the edition"),
    "scaffold.bad_title": (
        "标题 {title!r} 不可用：请写在一行内",
        "the title {title!r} is not usable: write it on one line",
    ),
    "scaffold.not_a_code": (
        "{id!r} 不是职业编码：请用 --occupation 编码 给出职业（用 `stdkit lookup 名称` 查找）",
        "{id!r} is not an occupation code: give the occupation with --occupation CODE "
        "(find it with `stdkit lookup NAME`)",
    ),
    # -- stdkit export pdf
    "pdf.missing": (
        "未安装 LibreOffice：`stdkit export pdf` 需要 `soffice`（Debian：`apt-get install "
        "libreoffice-writer-nogui fonts-noto-cjk`；或以 root 运行 scripts/office-setup.sh）",
        "LibreOffice is not installed: `stdkit export pdf` needs `soffice` (Debian: apt-get install "
        "libreoffice-writer-nogui fonts-noto-cjk; or run scripts/office-setup.sh as root)",
    ),
    "pdf.timeout": (
        "LibreOffice 在 {seconds} 秒内未完成 PDF 转换",
        "LibreOffice did not finish within {seconds} s converting to PDF",
    ),
    "pdf.failed": (
        "LibreOffice 无法把文档转换为 PDF（{detail}）；是否已安装 Writer（libreoffice-writer-nogui）？",
        "LibreOffice could not convert the document to PDF ({detail}); is Writer installed "
        "(libreoffice-writer-nogui)?",
    ),
    # -- `--help` of every command and option: stdkit.helptext
    **HELP,
}


@dataclasses.dataclass(frozen=True, eq=True)
class Message:
    """A sentence of the catalogue with its values, not yet in a language: rendered by :meth:`text`.

    A field may itself be a :class:`Message` or a :class:`Localized` exception: it is rendered in the
    same language (a build failure quoting the site generator's failure)."""

    key: str
    fields: Mapping[str, object] = dataclasses.field(default_factory=dict)

    def text(self, lang: str) -> str:
        return say(self.key, lang, **self.fields)

    def __str__(self) -> str:
        return self.text("en")


class Localized(Exception):  # noqa: N818 - a base of the errors, not an error of its own
    """An exception whose text is a catalogue message: ``str(exc)`` is the English, :meth:`text` any language."""

    def __init__(self, message: Message | str, /, **fields: object) -> None:
        self.said = message if isinstance(message, Message) else Message(message, fields)
        super().__init__(self.said.text("en"))

    def text(self, lang: str) -> str:
        return self.said.text(lang)


def say(key: str, lang: str, /, **fields: object) -> str:
    """The message ``key`` in ``lang`` (``zh`` or ``en``) with ``fields`` filled in."""
    zh, en = MESSAGES[key]
    template = en if lang == "en" else zh
    return template.format(**{name: _shown(value, lang) for name, value in fields.items()})


def text_of(problem: Message | BaseException | str, lang: str) -> str:
    """What to print for ``problem``: a message or a :class:`Localized` exception in ``lang``; any other
    exception (the words of a library or a tool stdkit ran) as it is."""
    if isinstance(problem, Message | Localized):
        return problem.text(lang)
    return str(problem)


class Clauses(tuple[object, ...]):
    """Items of a field joined as clauses: by ``；`` in Chinese, by ``; `` in English."""

    __slots__ = ()


class Lines(tuple[object, ...]):
    """Items of a field, one a line (each a message that names its own place)."""

    __slots__ = ()


def _shown(value: object, lang: str) -> object:
    if isinstance(value, Message | Localized):
        return value.text(lang)
    if isinstance(value, Clauses):
        return ("；" if lang == "zh" else "; ").join(str(_shown(item, lang)) for item in value)
    if isinstance(value, Lines):
        return "\n".join(str(_shown(item, lang)) for item in value)
    if isinstance(value, list | tuple):  # a list is written the language's way: 2024、2025 or 2024, 2025
        return ("、" if lang == "zh" else ", ").join(str(_shown(item, lang)) for item in value)
    return value


def field_names(template: str) -> set[str]:
    """The ``{names}`` a template uses (for the test that both languages take the same fields)."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}
