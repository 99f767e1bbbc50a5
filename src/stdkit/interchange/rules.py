"""The DOC family: what `stdkit import docx` reports about a Word draft, declared once.

Location convention (a Word file has no lines): ``path`` is the .docx; ``line`` is the number of the
*block* in the document body, counting paragraphs and tables together from 1 in reading order (the
cover's first paragraph is block 1); ``col`` is 1 for a paragraph and the row number (from 1, the
heading row included) for a table. The message names the table, row and cell. A finding about the
file itself (not a zip, too large …) is at 1:1.
"""

from __future__ import annotations

from stdkit.diagnostics import Severity, Wording, rule

FAMILY = "docx"

R_TOO_LARGE = rule(
    "DOC901",
    FAMILY,
    Severity.ERROR,
    "The Word file is larger than stdkit reads.",
    "Import a draft under the limit: remove embedded pictures and media, or split the file.",
    detail="The file has {size} bytes; stdkit reads at most {limit}.",
    zh=Wording(
        "Word 文件超出 stdkit 的读取上限。",
        "请删除嵌入的图片和媒体，或拆分文件后再导入。",
        "文件大小为 {size} 字节，stdkit 最多读取 {limit} 字节。",
    ),
)
R_NOT_DOCX = rule(
    "DOC902",
    FAMILY,
    Severity.ERROR,
    "The file is not a Word (.docx) document.",
    "Save the draft in Word as “Word 文档 (*.docx)” (not .doc, .wps or PDF) and import that file.",
    detail="{reason}.",
    zh=Wording(
        "该文件不是 Word（.docx）文档。",
        "请在 Word 中另存为“Word 文档（*.docx）”（不是 .doc、.wps 或 PDF）后再导入。",
        "{reason_zh}。",
    ),
)
R_BOMB = rule(
    "DOC903",
    FAMILY,
    Severity.ERROR,
    "The .docx package unpacks to more than stdkit accepts (a zip bomb or an unusual package).",
    "Re-save the draft from Word; a draft of a standard unpacks to a few megabytes in a few dozen parts.",
    detail="The package {what}.",
    zh=Wording(
        "该 .docx 解压后超出 stdkit 的接受范围（压缩炸弹或异常的文件包）。",
        "请用 Word 重新保存；一份标准草案解压后通常只有几兆字节、几十个部件。",
        "文件包{what_zh}。",
    ),
)
R_XML = rule(
    "DOC904",
    FAMILY,
    Severity.ERROR,
    "A part of the .docx is not XML stdkit reads safely (a DTD, entity declarations or broken XML).",
    "Re-save the draft from Word: Word never writes DTDs or entities, so the file was made or altered elsewhere.",
    detail="{part}: {reason}.",
    zh=Wording(
        "该 .docx 的某个部件不是 stdkit 可安全读取的 XML（含 DTD、实体声明或 XML 损坏）。",
        "请用 Word 重新保存：Word 从不写入 DTD 或实体，此文件由其他程序生成或被改动过。",
        "{part}：{reason_zh}。",
    ),
)
R_TOO_LONG = rule(
    "DOC905",
    FAMILY,
    Severity.ERROR,
    "The draft's body is far longer than any standard (paragraphs, table cells or rows, runs in a "
    "paragraph, tables nested in tables, XML elements); stdkit stopped reading it there.",
    "Check that the file is the draft of one standard (a standard has a few thousand paragraphs and table "
    "cells): remove what does not belong to it, or split it, and import again.",
    detail="Block {block}: the body has more than {limit} {what}; nothing was imported.",
    zh=Wording(
        "草案正文远超任何一份标准的篇幅（段落、表格单元格或行、段落中的文字段、表格嵌套或 XML 元素过多），"
        "stdkit 已在此处停止读取。",
        "请确认该文件是一份标准的草案（一份标准只有几千个段落和表格单元格）：删除不属于标准的内容，"
        "或拆分文件后重新导入。",
        "第 {block} 块：正文中{what_zh}超过 {limit} 个，未导入任何内容。",
    ),
)
R_UNMAPPED = rule(
    "DOC910",
    FAMILY,
    Severity.WARNING,
    "A paragraph of the draft has no field of its own in the stdkit document; it was kept, verbatim, in "
    "the notes (备注) of its section.",
    "Move the sentence into the field it belongs to (its section's numbered line, 申报条件, 鉴定方式 …) and "
    "delete it from `notes`; text that no field holds may stay there.",
    detail="Block {block} under “{section}” was kept in `{field}`: “{text}”.",
    zh=Wording(
        "草案中的某个段落在 stdkit 文档中没有对应的字段，已原样保留在所属章节的备注（notes）中。",
        "请把这句话移到它所属的字段（该章节的条目、申报条件、鉴定方式等），并从 `notes` 中删去；"
        "没有对应字段的文字可以留在备注中。",
        "第 {block} 块（“{section}”下）保留在 `{field}`：{text_zh}",
    ),
)
R_CELL = rule(
    "DOC911",
    FAMILY,
    Severity.WARNING,
    "A table cell of the draft could not be read and was not imported.",
    "Correct the cell in the draft (a weight is a whole number of percent, or —), or fill in the YAML by hand.",
    detail="Table {table}, row {row}, cell {cell}: {reason}: “{text}”.",
    zh=Wording(
        "草案表格中的某个单元格无法识别，未被导入。",
        "请在草案中更正该单元格（权重为整数百分比或“—”），或手工补入 YAML。",
        "表 {table} 第 {row} 行第 {cell} 格：{reason_zh}：“{text}”。",
    ),
)
R_TABLE = rule(
    "DOC912",
    FAMILY,
    Severity.WARNING,
    "A table of the draft is not a 工作要求 or 权重表 table stdkit recognises, and was not imported.",
    "Give the table the layout's heading row (职业功能 | 工作内容 | 技能要求 | 相关知识要求, or 项目 and the levels) "
    "under its section.",
    detail="Table {table} under “{section}” was not imported ({reason}).",
    zh=Wording(
        "草案中的某个表格不是 stdkit 可识别的工作要求表或权重表，未被导入。",
        "请按版式给表格加上表头（职业功能 | 工作内容 | 技能要求 | 相关知识要求，或 项目 与各等级），并放在所属章节下。",
        "表 {table}（“{section}”下）未导入（{reason_zh}）。",
    ),
)
R_LEVEL = rule(
    "DOC913",
    FAMILY,
    Severity.WARNING,
    "A level named in the draft is not a level of the ladder.",
    "Name levels as the ladder does: 五级/初级工, 四级/中级工, 三级/高级工, 二级/技师, 一级/高级技师 "
    "(or 学徒工, 特级技师, 首席技师).",
    detail="Block {block}: “{text}” names no level.",
    zh=Wording(
        "草案中的等级名称不在等级序列中。",
        "请按等级序列命名：五级/初级工、四级/中级工、三级/高级工、二级/技师、一级/高级技师（或学徒工、特级技师、首席技师）。",
        "第 {block} 块：“{text}”不是等级名称。",
    ),
)
R_INCOMPLETE = rule(
    "DOC920",
    FAMILY,
    Severity.ERROR,
    "The draft does not give a field the document needs; the YAML is written without it.",
    "Add the field to the imported YAML (or the section to the draft and import again).",
    detail="`{field}`: {problem}.",
    zh=Wording(
        "草案缺少文档必需的字段；导出的 YAML 中没有该字段。",
        "请在导入得到的 YAML 中补上该字段（或在草案中补上该章节后重新导入）。",
        "`{field}`：{problem_zh}。",
    ),
)
R_CARRIED_STATUS = rule(
    "DOC930",
    FAMILY,
    Severity.WARNING,
    "The status carried in the file's hidden data is not shown by the printed document, so it was not "
    "taken; the YAML says draft.",
    "If the document really has that status, set `status` in the YAML by hand: a reviewer sees the change "
    "there, while nobody sees the hidden part of a Word file.",
    detail="The hidden data says `status: {status}`, but {why}.",
    zh=Wording(
        "文件隐藏数据中的状态（status）在打印出的文档中没有体现，未被采用；YAML 中为 draft（草案）。",
        "如果文档确实处于该状态，请在 YAML 中手工设置 `status`：审阅人能在 YAML 中看到这一改动，"
        "而 Word 文件的隐藏部件无人看得到。",
        "隐藏数据写有 `status: {status}`，但{why_zh}。",
    ),
)
R_CARRIED_DATA = rule(
    "DOC931",
    FAMILY,
    Severity.WARNING,
    "Part of the data carried in the file's hidden part was not taken.",
    "Nothing is lost that the printed document shows; add by hand in the YAML what the hidden data should "
    "have given, if anything.",
    detail={
        "key": "`{field}` in the hidden data ({part}) is not a field of {kind} documents; it was dropped.",
        "unread": "The hidden data ({part}) could not be read ({reason}); only the printed text was imported.",
        "more": "{count} more fields in the hidden data ({part}) are not fields of {kind} documents; they were dropped.",
    },
    zh=Wording(
        "文件隐藏部件中携带的部分数据未被采用。",
        "打印出的文档内容不会丢失；如隐藏数据本应提供某些字段，请在 YAML 中手工补上。",
        {
            "key": "隐藏数据（{part}）中的 `{field}` 不是{kind_zh}的字段，已舍弃。",
            "unread": "无法读取隐藏数据（{part}）（{reason_zh}），只导入了打印出的文字。",
            "more": "隐藏数据（{part}）中另有 {count} 个字段不是{kind_zh}的字段，已舍弃。",
        },
    ),
)
