"""The words of ``stdkit --help``: every command's summary and description and every option's help, in
Chinese (the default) and in English — part of the one catalogue of :mod:`stdkit.messages`.

A verb module names its options' help by key (``help="help.check.changed_since"``); the CLI's help
formatter (:class:`stdkit.commands.Help`) renders the key in the chosen language when help is printed,
so the parsers themselves hold no language. A description is written one paragraph a line (the
formatter wraps it to the terminal, counting a Chinese character as two columns); a line opening with
``- `` is a list item. ``%(default)s`` is argparse's: the option's default; a literal ``%`` is ``%%``.
This module is data only: it imports nothing and never prints.
"""

from __future__ import annotations

#: key → (Chinese, English).
HELP: dict[str, tuple[str, str]] = {
    # -- argparse's own words
    "help.usage": ("用法：", "usage: "),
    "help.positionals": ("位置参数", "positional arguments"),
    "help.options": ("选项", "options"),
    "help.help": ("显示本帮助并退出", "show this help message and exit"),
    "help.version": ("显示 stdkit 的版本并退出", "show program's version number and exit"),
    # -- argparse's usage errors (the English is argparse's own, with its %-fields)
    "help.error": ("%(prog)s：错误：%(message)s\n", "%(prog)s: error: %(message)s\n"),
    "help.required": ("缺少以下参数：%s", "the following arguments are required: %s"),
    "help.unrecognized": ("无法识别的参数：%s", "unrecognized arguments: %s"),
    "help.argument": ("参数 %(argument_name)s：%(message)s", "argument %(argument_name)s: %(message)s"),
    "help.invalid_choice": (
        "无效的选择：%(value)r（可选：%(choices)s）",
        "invalid choice: %(value)r (choose from %(choices)s)",
    ),
    "help.expected_one": ("需要一个值", "expected one argument"),
    "help.expected_at_most_one": ("最多需要一个值", "expected at most one argument"),
    "help.expected_some": ("至少需要一个值", "expected at least one argument"),
    "help.invalid_value": ("无效的 %(type)s 值：%(value)r", "invalid %(type)s value: %(value)r"),
    "help.not_allowed": ("不能与参数 %s 同时使用", "not allowed with argument %s"),
    "help.one_required": ("需要参数 %s 之一", "one of the arguments %s is required"),
    "help.ambiguous": (
        "有歧义的选项：%(option)s 可以是 %(matches)s",
        "ambiguous option: %(option)s could match %(matches)s",
    ),
    # -- stdkit itself
    "help.stdkit": (
        "校验、交叉检查并发布职业技能标准（YAML 文档）。\n"
        "`stdkit 命令 --help` 说明每个命令；说明默认为中文，加 `--lang en` 为英文。",
        "Validate, cross-check and publish occupational skill standards (职业技能标准) written as YAML.\n"
        "`stdkit COMMAND --help` explains each command; help is in Chinese unless `--lang en`.",
    ),
    "help.command": ("要运行的命令", "the command to run"),
    # -- options several commands share
    "help.lang": (
        "提示和帮助的语言：zh（默认）或 en；也可用环境变量 STDKIT_LANG，或英文区域设置 LANG=en_*",
        "language of the messages and help: zh (default) or en (also chosen by STDKIT_LANG, or LANG=en_*)",
    ),
    "help.paths": (
        "要检查的文件或文件夹（默认：文件集的 standards/）",
        "files or folders of documents (default: the collection's standards/)",
    ),
    "help.format": ("输出格式（默认：%(default)s）", "output format (default: %(default)s)"),
    "help.output": (
        "另把报告以 FORMAT 格式写入 FILE（可重复，如 sarif=stdkit.sarif）；问题只查找一次",
        "also write the report in FORMAT to FILE (repeatable; e.g. sarif=stdkit.sarif); the findings are found once",
    ),
    "help.no_cache": (
        "重新检查每个文档：不读取也不写入文件集根目录下的 .stdkit-cache/",
        "examine every document again, ignoring and not writing .stdkit-cache/ at the collection's root",
    ),
    "help.ref": ("文档编号，可带 @版本（如 6-31-01-03@2018）", "document id, optionally with @edition"),
    "help.drafts": (
        "未写 @版本 时，也考虑未发布的版本（草案等）",
        "without @EDITION, consider unpublished editions too",
    ),
    # -- stdkit init
    "help.init": ("新建标准仓库：示例、设置、模式、钩子和工作流", "scaffold a standards repository"),
    "help.init.about": (
        "在 DIR（默认：当前文件夹）新建一个标准仓库。\n"
        "写入 standards/（每类文档一个示例，都能通过 `stdkit check`，其中的「待填写」是待补的警告）、"
        "stdkit.toml、schema/（编辑器首行注释指向的 JSON 模式）、mkdocs.yml、.gitignore、"
        ".pre-commit-config.yaml 和 .github/workflows/standards.yml；后两者安装的正是写下它们的这个 stdkit 版本。\n"
        "不覆盖任何已有文件（除非加 --force）：遇到已有文件时列出它并停止，什么也不写。",
        "Scaffold a standards repository in DIR (default: here): examples, settings, schemas, hooks and CI.\n"
        "Writes standards/ with one example of each kind (each passes `stdkit check`; its 「待填写」 are "
        "warnings to fill in), stdkit.toml, schema/ (the JSON Schemas the editor modeline points at), "
        "mkdocs.yml, .gitignore, .pre-commit-config.yaml and .github/workflows/standards.yml, which install "
        "exactly this stdkit.\n"
        "Nothing is overwritten unless --force: an existing file is named and the command stops before "
        "writing anything.",
    ),
    "help.init.dir": ("仓库所在的文件夹（默认：当前文件夹）", "the repository's folder (default: here)"),
    "help.init.force": ("覆盖已有的文件", "overwrite files that already exist"),
    # -- stdkit validate
    "help.validate": ("逐个校验文档：YAML、模式和单文档规则", "check each document on its own"),
    "help.validate.about": (
        "逐个校验文档：YAML 语法、字段模式和单文档规则。\n"
        "每个问题输出一行 `文件:行:列: 代码 [严重程度] 说明`，按位置排序，最后是汇总。",
        "Check each document on its own: YAML, schema and the per-document rules.\n"
        "Prints one `file:line:col: CODE [severity] message` per finding, sorted, then a summary.",
    ),
    # -- stdkit check
    "help.check": ("校验并交叉检查整个文件集", "validate, then cross-check the collection"),
    "help.check.about": (
        "先校验每个文档，再交叉检查整个文件集：职业资格目录的衔接、交叉重复和相互引用。\n"
        "输出与 `stdkit validate` 相同，另加跨文档的问题。"
        "用 --changed-since 时，报告只缩小到本次改动应负责的问题，绝不更少："
        "拉取请求的检查不能放过一个弄坏了未改动文档的改动。",
        "Validate every document, then cross-check the collection: catalogue links, overlaps, references.\n"
        "Same output as `validate`, with the cross-document findings added. With --changed-since the "
        "report is narrowed to what a change is answerable for, never to less: a pull request gate must "
        "not pass a change that breaks a document it did not touch.",
    ),
    "help.check.paths": (
        "要检查的文件或文件夹（默认：文件集的 standards/）。给出文件时（pre-commit 传入暂存的文件），"
        "它们与整个文件集一起检查，只报告它们的问题以及其他文档上指向它们的跨文档问题（交叉重复、引用），"
        "退出状态只由这些问题决定；给出 stdkit.toml 时报告整个文件集；给出文件夹时把其中的文档作为一个文件集检查",
        "files or folders of documents (default: the collection's standards/). Files named (pre-commit "
        "passes the staged ones) are checked with the whole collection, and the report holds their findings "
        "and the cross-document findings on other documents that name them (overlaps, references); the exit "
        "status is theirs. Naming stdkit.toml reports the whole collection; a folder named is checked as a "
        "collection of the documents under it",
    ),
    "help.check.changed_since": (
        "报告自 git 版本 REV 以来改动的文档（已提交、未提交或未跟踪的），以及未改动文档中检查 REV 时"
        "没有的问题（例如删除的标准使另一文档的 `basis` 失效）：退出状态计入全部，"
        "所以改动不能靠弄坏它没碰的文件而通过。REV 必须在本克隆中（CI：`fetch-depth: 0`）",
        "report the documents changed since the git revision REV (committed, uncommitted or untracked), "
        "and every finding in an unchanged document that checking REV does not give (a deleted standard "
        "breaking another's `basis`): the exit status counts all of them, so a change cannot pass by "
        "breaking a file it does not touch. REV must be in the clone (CI: `fetch-depth: 0`)",
    ),
    # -- stdkit build
    "help.build": ("检查后把网站和考核蓝图发布到 site/", "check, then publish the site and blueprints"),
    "help.build.about": (
        "检查文件集，然后把网站和考核蓝图原子地发布到 site/。\n"
        "检查发现错误时什么也不写（列出问题，退出状态 1）；后面的步骤失败时，之前发布的 site/ 保持原样。",
        "Check the collection, then publish the site and the blueprints into site/, atomically.\n"
        "Nothing is written when the check finds errors (the findings are printed, exit 1), and a failure "
        "in a later stage leaves the previously published site/ untouched.",
    ),
    "help.build.drafts": (
        "包含未发布的文档（预览用）；也可在 stdkit.toml 中设 include_drafts",
        "include unpublished documents (previews); also include_drafts in stdkit.toml",
    ),
    "help.build.no_cache": (
        "构建之前的检查不读也不写 .stdkit-cache/（如 check --no-cache）；文档的输出总是由重新完整读取的文档生成",
        "the check before the build neither reads nor writes .stdkit-cache/ (as check --no-cache); "
        "each document's outputs are always made from the document read whole again",
    ),
    "help.build.generator": (
        "网站生成器：mkdocs-material（默认）或 zensical（试验性；需要 zensical 命令，见手册的「站点生成器」一页）",
        "the site generator: mkdocs-material (default) or zensical (experimental; needs the zensical command, "
        "see the manual's page on the site generator)",
    ),
    "help.build.out": (
        "输出文件夹（默认：stdkit.toml 的 site_dir）",
        "output folder (default: site_dir of stdkit.toml)",
    ),
    "help.build.shards": (
        "以 JSON 列出文件集中非空的分片（大类 1–8 和 special），不构建",
        "print the collection's non-empty shards as JSON (大类 digits 1-8, special) and build nothing",
    ),
    "help.build.shard": (
        "检查整个文件集，只把这个分片的页面和考核蓝图构建到 --out",
        "check the whole collection, build only this shard's pages and blueprints into --out",
    ),
    "help.build.merge": (
        "把 `--shard` 写出的各文件夹（每个分片一次）合并成 --out 中的一个网站",
        "assemble the folders that `--shard` wrote (every shard once) into one site in --out",
    ),
    # -- stdkit serve
    "help.serve": ("网站的实时预览", "live preview of the site"),
    "help.serve.about": (
        "网站的实时预览：用文件集的 mkdocs.yml 运行 mkdocs serve，文档一改就重新生成。\n"
        "保存 YAML 文件即刷新页面。不写入 site/；预览只提供它构建出的文件，不会把仓库之外的文件带出去。",
        "Live preview of the site: mkdocs serve with the collection's mkdocs.yml, rebuilt when a document "
        "changes.\n"
        "Saving a YAML file rebuilds the pages. Nothing is written to site/; the preview serves only the "
        "files it built, never a file outside the repository.",
    ),
    "help.serve.dev_addr": (
        "监听的地址（默认：127.0.0.1:8000）",
        "address to serve on (default: 127.0.0.1:8000)",
    ),
    "help.serve.open": ("在浏览器中打开预览", "open the preview in a browser"),
    # -- stdkit blueprint
    "help.blueprint": ("以 JSON 输出文档的考核蓝图", "print a document's exam blueprint as JSON"),
    "help.blueprint.about": (
        "以 JSON 输出文档的考核蓝图（即 `stdkit build` 在 site/blueprints/ 下发布的内容）。\n"
        "只写编号时取最新的已发布版本（加 --drafts 则取任何状态中最新的）；写成 编号@版本 时取该版本，不论状态。"
        "用 --level 输出一个等级的蓝图；不用时输出各等级蓝图组成的 JSON 数组。专项职业能力只有一个等级 `unit`。",
        "Print the exam blueprint of a document as JSON (what `stdkit build` publishes under site/blueprints/).\n"
        "ID picks the newest published edition (newest of any status with --drafts); ID@EDITION picks that "
        "edition whatever its status. With --level, one blueprint; without, a JSON array of every level's. "
        "A special competency has the single level `unit`.",
    ),
    "help.blueprint.level": (
        "等级编号（L5 … L1、principal …）或 unit",
        "ladder id (L5 … L1, principal …) or unit",
    ),
    # -- stdkit export
    "help.export": ("导出为 Word、PDF 或 CASE", "export a document to Word, PDF or CASE"),
    "help.export.about": (
        "把一个文档导出为交换格式：`stdkit export docx|pdf|case 编号[@版本] [-o 文件]`。\n"
        "只写编号时取最新的已发布版本（加 --drafts 则取任何状态中最新的）。\n"
        "- docx：按已发布的国家职业技能标准版式（编制技术规程 2018）排版的 Word 文件，"
        "带真正的样式（标题 1–3、表格样式、页码）；写到 -o 文件，或 编号_版本.docx。\n"
        "- pdf：经 LibreOffice 无界面转换的同一文件（未安装时退出状态 2 并说明）。\n"
        "- case：1EdTech CASE 1.1 的 `CFPackage`（JSON），与 `stdkit build` 发布的字节相同；不用 -o 时写到标准输出。\n"
        "同样的输入，同样的字节（docx 和 case）。",
        "Export one document to an interchange format: `stdkit export docx|pdf|case REF [-o FILE]`.\n"
        "REF is ID (the newest published edition; the newest of any status with --drafts) or ID@EDITION.\n"
        "- docx: a Word file in the layout of a published 国家职业技能标准 (编制技术规程 2018), with real styles "
        "(Heading 1–3, a table style, page numbers); written to -o FILE or ID_EDITION.docx.\n"
        "- pdf: that file rendered through LibreOffice headless (exit 2 with a message when it is absent).\n"
        "- case: a 1EdTech CASE 1.1 CFPackage (JSON), the same bytes `stdkit build` publishes; written to "
        "standard output without -o.\n"
        "Same input, same bytes (docx and case).",
    ),
    "help.export.format": (
        "docx（Word）、pdf（经 LibreOffice）或 case",
        "docx (Word), pdf (through LibreOffice) or case",
    ),
    "help.export.output": (
        "要写入的文件（默认：编号_版本.格式；case 为标准输出）",
        "file to write (default: ID_EDITION.FORMAT; case: stdout)",
    ),
    "help.export.font_body": (
        "docx/pdf：正文的中文字体（默认：%(default)s）",
        "docx/pdf: East Asian font of the body text (default: %(default)s)",
    ),
    "help.export.font_heading": (
        "docx/pdf：标题的中文字体（默认：%(default)s）",
        "docx/pdf: East Asian font of the headings (default: %(default)s)",
    ),
    # -- stdkit diff
    "help.diff": ("两个 git 版本之间的语义差异", "semantic diff between two git revisions"),
    "help.diff.about": (
        "文件集在两个 git 版本之间的语义差异，作为拉取请求的评论（Markdown）或 JSON。\n"
        "用 git 读取两个版本（不检出）：新增、删除、改名的文档；概况、工作要求、权重和鉴定方式的改动（旧值 → 新值）；"
        "改变的考核蓝图；以及每个文档的结论：等效（仅措辞）或不等效（需要带 `supersedes` 的新版本）。",
        "Semantic diff of the collection between two git revisions, as a pull-request comment (Markdown) "
        "or JSON.\n"
        "Reads both revisions with git (no checkout): documents added, removed, renamed; header, work, "
        "weight and assessment changes with old → new values; the blueprints that change; and a verdict per "
        "document, equivalent (wording only) or not equivalent (needs a new edition with `supersedes`).",
    ),
    "help.diff.old": ("之前的版本（如 origin/main）", "the revision before (e.g. origin/main)"),
    "help.diff.new": ("之后的版本（如 HEAD）", "the revision after (e.g. HEAD)"),
    "help.diff.paths": (
        "要比较的文件或文件夹，相对于文件集根目录（默认：文件集的 standards/）",
        "files or folders to compare, relative to the collection root (default: the collection's standards/)",
    ),
    # -- stdkit new
    "help.new": ("新建一个文档", "scaffold a new document"),
    "help.new.about": (
        "新建一个 KIND 类文档（occupational-standard 职业标准、evaluation-spec 评价规范、"
        "special-competency 专项职业能力考核规范）。\n"
        "文件写到 standards/<编号>_<版本>.yaml（或 --output），带编辑器首行注释和填写说明；"
        "写成后即能通过 `stdkit check`，每个留待填写的「待填写」是一条警告。"
        "编号是职业分类大典编码时它就是职业，否则用 --occupation 编码 给出（名称取自参考数据；"
        "`stdkit lookup 名称` 可查编码）。文件集还没有 schema/ 文件夹时一并写出，使首行注释生效。不覆盖已有文件。",
        "Scaffold a new document of KIND (occupational-standard, evaluation-spec, special-competency).\n"
        "The file is written to standards/<ID>_<EDITION>.yaml (or --output) with the editor modeline and "
        "comments to follow; it passes `stdkit check` as written, with a warning for each 「待填写」 left to "
        "fill in. The occupation is the ID when the ID is a 职业分类大典 code, else --occupation CODE (its "
        "name comes from the reference data; `stdkit lookup NAME` finds the code). When the collection has "
        "no schema/ folder yet, it is written too, so the modeline resolves. An existing file is never "
        "overwritten.",
    ),
    "help.new.kind": ("文档类别", "the document kind"),
    "help.new.id": ("文档编号，如 6-31-01-03 或 S-44-0012", "the document id, e.g. 6-31-01-03 or S-44-0012"),
    "help.new.edition": ("版本（默认：今年）", "edition (default: this year)"),
    "help.new.occupation": (
        "职业的职业分类大典编码（默认：编号本身，如果它是编码）",
        "the 职业分类大典 code of the occupation (default: the ID, when it is a code)",
    ),
    "help.new.title": (
        "标题（默认：职业名称，或「待填写」）",
        "the title (default: the occupation's name, or a placeholder)",
    ),
    "help.new.output": (
        "要写入的文件（默认：standards/<编号>_<版本>.yaml）",
        "file to write (default: standards/<ID>_<EDITION>.yaml)",
    ),
    # -- stdkit schema
    "help.schema": ("由模型重新生成 schema/", "regenerate schema/ from the models"),
    "help.schema.about": (
        "由模型重新生成 schema/ 中的 JSON 模式（供编辑器和考试系统使用）。\n"
        "加 --check 时不改动任何文件，有文件缺失或过期时退出状态为 1。",
        "Regenerate the JSON Schemas in schema/ from the models (for editors and exam systems).\n"
        "With --check, change nothing and exit 1 when a file is missing or out of date.",
    ),
    "help.schema.out": (
        "要写入的文件夹（默认：standards/ 旁的 schema/）",
        "folder to write (default: schema/ beside standards/)",
    ),
    "help.schema.check": ("只报告过期的文件；有则退出状态为 1", "only report stale files; exit 1 if any"),
    # -- stdkit release
    "help.release": ("记录一次发布（维护者）", "record a release (maintainers)"),
    "help.release.about": (
        "记录一次发布：写出 releases/NAME.json，冻结每个已颁布的版本（维护者用）。\n"
        "在没有错误的文件集、文档都已提交的完整克隆中运行，然后提交该文件（并打标签）。"
        "此后 `stdkit check` 要求每个已发布、被替代和已废止的版本与发布时记录的一致：措辞用勘误修改，"
        "其他改动要出新版本。发布永不改写：NAME 必须是新的，且晚于最新的发布。",
        "Record a release: write releases/NAME.json, which freezes every issued edition (maintainers).\n"
        "Run on a clean collection (no error) in a full clone whose documents are committed; then commit the "
        "file (and tag). From then on `stdkit check` holds every published, superseded and withdrawn edition "
        "to what the release recorded: wording is fixed with a 勘误, anything else with a new edition. A "
        "release is never rewritten: NAME must be new and later than the newest release.",
    ),
    "help.release.name": (
        "发布的名称：年.月（2026.12），或 2026.12.2",
        "the release's name: YEAR.MONTH (2026.12), or 2026.12.2",
    ),
    "help.release.date": (
        "发布日期，YYYY-MM-DD（默认：今天）",
        "the release date, YYYY-MM-DD (default: today)",
    ),
    # -- stdkit crosswalk
    "help.crosswalk": ("提出两个版本之间的新旧版本对照", "propose a crosswalk between two editions"),
    "help.crosswalk.about": (
        "提出两个版本之间的新旧版本对照：按差异的配对写出 crosswalks/<编号>_<旧版本>_<新版本>.yaml。\n"
        "`stdkit crosswalk propose 编号@旧版本 编号@新版本` 把旧版本的每一行与新版本的行配对，"
        "写出 `status: proposed` 的各行和配对用的阈值。请逐行阅读（两版的文字在每行上方的注释里），"
        "改正对应关系，写上说明和理由，设为 `status: confirmed`，在拉取请求中提交："
        "此后 `stdkit check` 用两个版本核对它，`stdkit build` 把它发布到 site/lineage/<编号>.json。"
        "已有的文件不会被覆盖，除非加 --force（那会丢掉其中的改正）。",
        "Propose a crosswalk between two editions: write crosswalks/<id>_<old>_<new>.yaml from the diff's "
        "pairing.\n"
        "`stdkit crosswalk propose ID@OLD ID@NEW` pairs every line of the old edition with the new one's and "
        "writes the rows with `status: proposed` and the thresholds it paired with. Read every row (its texts "
        "are in the comment above it), correct the relations, write the notes and reasons, set "
        "`status: confirmed` and commit it in a pull request: `stdkit check` then holds it to both editions "
        "and `stdkit build` publishes it in site/lineage/<id>.json. An existing file is never overwritten "
        "unless --force (it would lose the corrections made in it).",
    ),
    "help.crosswalk.action": ("propose：写出一份待确认的对照", "propose: write a proposed crosswalk"),
    "help.crosswalk.old": (
        "被替代的版本，编号@版本（6-31-01-03@2009）",
        "the superseded edition, ID@EDITION (6-31-01-03@2009)",
    ),
    "help.crosswalk.new": (
        "替代它的版本，编号@版本（6-31-01-03@2018）",
        "the superseding edition, ID@EDITION (6-31-01-03@2018)",
    ),
    "help.crosswalk.force": (
        "替换已有的对照文件（其中的改正会丢失）",
        "replace an existing crosswalk file (its corrections are lost)",
    ),
    # -- stdkit rules
    "help.rules": ("列出全部规则代码", "print the rule reference"),
    "help.rules.about": (
        "输出规则参考：每个规则代码的类别、严重程度、概要、示例和改法。\n"
        "默认为中文并附英文；`--lang en` 只输出英文。由规则定义生成，所以总与检查一致。",
        "Print the rule reference: every rule code with its family, severity, summary, example and fix.\n"
        "In Chinese with the English alongside by default; `--lang en` prints English only. Generated from "
        "the rule definitions, so it always matches the checks.",
    ),
    # -- stdkit lookup
    "help.lookup": ("按编码、名称查找职业和工种", "find occupations and 工种 by code or name"),
    "help.lookup.about": (
        "按编码前缀、名称、曾用名或旧编码查找职业分类大典中的职业和工种。\n"
        "例如 `stdkit lookup 4-04-05`（一个小类）、`stdkit lookup 生成式`（名称的一部分）、"
        "`stdkit lookup 育婴员`（曾用名）、`stdkit lookup 4-10-01-02`（2015 年版编码）。"
        "每行给出编码、现名、公布它的版本或批次、数字/绿色标识、国家职业资格目录条目和文件集中的相关文档。"
        "退出状态：有结果为 0，无结果为 1。",
        "Find occupations and 工种 of the 职业分类大典 by code prefix, name, earlier name or legacy code.\n"
        "Examples: `stdkit lookup 4-04-05` (a 小类), `stdkit lookup 生成式` (part of a name), "
        "`stdkit lookup 育婴员` (an earlier name), `stdkit lookup 4-10-01-02` (a 2015 code). Each row gives the "
        "code, the current name, the edition or release that published it, its 数字/绿色 flag, its "
        "国家职业资格目录 items and the collection's documents for it. Exit status: 0 with rows, 1 with none.",
    ),
    "help.lookup.query": (
        "编码或编码前缀（4-04-05）、名称或名称的一部分",
        "a code or code prefix (4-04-05), a name or part of one",
    ),
    # -- stdkit import
    "help.import": ("把 Word 草稿导入为 YAML", "import a Word draft as YAML"),
    "help.import.about": (
        "把编制技术规程版式的 Word 草稿导入为 stdkit YAML 文档（`stdkit import docx 文件`）。\n"
        "草稿的编号章节、工作要求表（合并或重复的单元格）和权重表成为 YAML；无法对应的内容报告为 DOC 问题，"
        "定位到块（段落或表格，从 1 数起）和表格的行（见 `stdkit rules`）。即使缺少字段也写出 YAML"
        "（每处一条 DOC920），便于作者补全。有错误级问题时退出状态为 1；无法安全读取的文件（损坏、恶意、过长）"
        "也是这样一个问题，此时什么也不写。退出状态 2 为用法错误（文件不存在）。",
        "Import a Word draft in the 编制技术规程 layout as a stdkit YAML document (`stdkit import docx FILE`).\n"
        "The draft's numbered sections, its 工作要求 tables (merged or repeated cells) and its 权重表 become "
        "the YAML; whatever could not be mapped is reported as a DOC finding located at the block (paragraph "
        "or table, counted from 1) and, for a table, the row — see `stdkit rules`. The YAML is written even "
        "when fields are missing (each a DOC920), so the author can complete it. Exit 1 when a finding is an "
        "error; a file that cannot be read safely (damaged, hostile, far too long) is one such finding, and "
        "nothing is written. Exit 2 is a usage error (no such file).",
    ),
    "help.import.format": ("草稿的格式（docx）", "the draft's format (docx)"),
    "help.import.file": ("Word 草稿（.docx）", "the Word draft (.docx)"),
    "help.import.output": (
        "要写入的 YAML 文件（默认：标准输出）",
        "YAML file to write (default: standard output)",
    ),
    "help.import.force": ("--output 已存在时覆盖它", "overwrite --output when it exists"),
}
