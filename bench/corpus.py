"""A deterministic synthetic collection of N standards, with planted near-copies and their ground truth.

    python bench/corpus.py 1000 /tmp/stdkit-bench/corpus-s7-n1000 [--seed 7]

Writes ``standards/*.yaml`` (occupational standards ~70 %, evaluation specs ~20 %, special
competencies ~10 %), a ``stdkit.toml`` and ``truth.json`` into the folder. Same seed and N give
byte-identical files: every document draws from its own ``random.Random(f"{seed}:{name}")`` (string
seeds are hashed with SHA-512, not Python's salted ``hash``), and nothing iterates a set.

What the corpus is made of, and why:

- occupations are real 职业分类大典 2022 codes and names (``src/stdkit/data/occupations_2022.json``),
  leaving out those in the 国家职业资格目录 so that no document needs a ``qualification:`` link;
- one national standard per occupation (a second one for the same occupation is OVL701 by design);
  when N needs more standards than there are occupations, older editions (superseded, chained by
  ``supersedes:``) make up the rest, as 电工 2009 → 2018 does in the samples;
- evaluation specs come four or so per occupation from different issuers, half of them with a
  ``basis:`` on the national standard, so the same-occupation rules have groups to work through;
- work content is composed from vocabularies (verbs, objects, conditions) of the occupation's field,
  each document drawing its own subset, so documents of one field share words but not lines;
- about 1 % of the documents are planted near-copies of another document of every kind (title
  changed, 1–3 lines reworded, lines reordered; a special competency also moves region), and about
  1 % of same-occupation pairs are listed as planted distinct pairs that no rule may report.

Nothing here imports stdkit: the generator must not depend on the code it benchmarks.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OCCUPATIONS = ROOT / "src" / "stdkit" / "data" / "occupations_2022.json"
CATALOGUE = ROOT / "src" / "stdkit" / "data" / "qualification_catalogue_2021.yaml"

#: Part of the benchmark's cache key: bump it whenever a change to this file changes the files it writes.
VERSION = 2  # 2: no knowledge line twice in a level (CNT522)
SHARE_EVALUATION = 0.20
SHARE_SPECIAL = 0.10
SHARE_COPIES = 0.01
SHARE_DISTINCT = 0.01
#: (copies, family) of the many-findings shape: families of 14 documents sharing one body, 91 near-copy pairs
#: each, so a national collection prints tens of thousands of overlap warnings (issue 39)
MANY_FINDINGS = (0.3, 14)
SPECS_PER_OCCUPATION = 4
LADDER = ("L5", "L4", "L3", "L2", "L1")
# newest first: the current edition of a national standard and the ones it replaced
EDITION_YEARS = ("2022", "2018", "2015", "2009", "2006", "2002", "1999", "1996", "1993", "1990")

# ------------------------------------------------------------------------------------- vocabulary

_CONDITIONS = (
    "根据{doc}",
    "按照{doc}",
    "依据{doc}",
    "使用{tool}",
    "按{doc}要求",
    "在{tool}辅助下",
    "结合现场条件",
    "在规定时间内",
    "按安全操作规程",
    "对照技术要求",
)
_ASPECTS = (
    "结构和工作原理",
    "安装方法",
    "调试方法",
    "常见故障及排除方法",
    "技术要求",
    "操作规程",
    "质量标准",
    "安全注意事项",
    "检测方法",
    "维护保养方法",
    "选用原则",
    "工艺要求",
    "性能参数",
    "分类和用途",
    "验收规范",
)
_TAILS = (
    "",
    "",
    "",
    "并填写记录",
    "并判断是否合格",
    "并提出改进意见",
    "并编写报告",
    "达到质量要求",
    "并做好交接",
)
_BASIC_VERBS = (
    "安装",
    "调试",
    "检修",
    "维护",
    "检测",
    "测量",
    "操作",
    "更换",
    "清洁",
    "识别",
    "选用",
    "装配",
)
_ADVANCED_VERBS = ("分析", "诊断", "优化", "设计", "改造", "评估", "验收", "编制方案处理", "统筹", "规划")
_FUNCTION_VERBS = (
    "安装调试",
    "运行维护",
    "检修",
    "故障诊断与处理",
    "检测与验收",
    "装配",
    "操作",
    "质量检验",
    "工艺实施",
    "作业准备",
)
_CONTENT_VERBS = ("安装", "调试", "维修", "检测", "保养", "操作", "准备", "验收", "改进", "巡检")


@dataclasses.dataclass(frozen=True)
class Field:
    """The words of one field of work: documents of its occupations compose their lines from these."""

    modifiers: tuple[str, ...]
    nouns: tuple[str, ...]
    docs: tuple[str, ...]
    tools: tuple[str, ...]
    subjects: tuple[str, ...]  # products a special competency (专项职业能力) is about
    industry: str


def _field(modifiers: str, nouns: str, docs: str, tools: str, subjects: str, industry: str) -> Field:
    return Field(
        tuple(modifiers.split()), tuple(nouns.split()), tuple(docs.split()), tuple(tools.split()),
        tuple(subjects.split()), industry,
    )  # fmt: skip


FIELDS: dict[str, Field] = {
    "electrical": _field(
        "低压 高压 三相 单相 直流 交流 变频 数字 智能 防爆 配电 照明 动力 控制 继电 可编程 伺服 光伏 储能 应急",
        "电路 线路 电缆 电动机 变压器 配电柜 开关柜 断路器 接触器 继电器 控制器 传感器 仪表 电能表 保护装置 "
        "接地装置 整流器 逆变器 电源 母线 互感器 电容器",
        "电路图 接线图 原理图 安装图 技术说明书 检修规程",
        "万用表 兆欧表 钳形电流表 示波器 绝缘电阻测试仪 接地电阻测试仪",
        "电动自行车 家用空调 智能门锁 充电桩 家用电器 灯具 电梯门机 小型光伏系统",
        "电力",
    ),
    "mechanical": _field(
        "数控 普通 精密 液压 气动 齿轮 多轴 自动 大型 专用 组合 立式 卧式 高速 重型 柔性",
        "车床 铣床 磨床 夹具 刀具 量具 传动机构 轴承 减速器 液压缸 气缸 阀门 泵 导轨 主轴 工件 零件 模具 "
        "装配线 焊接接头 密封件 联轴器",
        "零件图 装配图 工艺卡 作业指导书 加工程序单 技术条件",
        "游标卡尺 千分尺 百分表 扭力扳手 水平仪 三坐标测量机",
        "自行车 缝纫机 小型发动机 锁具 钟表 农用机具 园林机械 家用燃气灶",
        "机械",
    ),
    "chemical": _field(
        "连续 间歇 高温 低温 常压 加压 精细 有机 无机 聚合 催化 萃取 蒸馏 结晶 干燥 过滤",
        "反应釜 精馏塔 换热器 离心机 管道 储罐 压缩机 催化剂 原料 中间体 产品 取样点 计量泵 阀组 "
        "分析仪 废水 尾气 溶剂",
        "工艺规程 操作卡 配方单 分析规程 安全技术说明书 质量标准",
        "pH计 气相色谱仪 黏度计 密度计 便携式气体检测仪 温度巡检仪",
        "日化用品 香薰蜡烛 手工皂 涂料调色 水质检测 实验室试剂",
        "化工",
    ),
    "food": _field(
        "中式 西式 冷 热 发酵 烘焙 蒸制 油炸 腌制 速冻 即食 传统 风味 营养 地方 宴席",
        "面团 馅料 原料 糕点 菜肴 点心 汤料 调味品 面包 饮品 肉制品 乳制品 豆制品 果蔬 米制品 酱料 "
        "冷盘 主食 蛋糕 糖艺",
        "配方 菜谱 工艺流程 卫生规范 操作规程 质量标准",
        "温度计 电子秤 和面机 烤箱 醒发箱 糖度计",
        "广式早茶 面点 月饼 凉茶 卤味 咖啡 茶艺 烘焙甜品",
        "食品",
    ),
    "light": _field(
        "机织 针织 印染 服装 皮革 木制 纸制 印刷 数码 手工 成套 定制 环保 复合 装饰 工艺",
        "纱线 织物 面料 成衣 版型 染料 缝制设备 皮件 家具 板材 纸张 印版 油墨 装订件 包装件 饰品 "
        "刺绣品 漆器 陶瓷坯 木构件",
        "工艺单 样板 色卡 工艺文件 产品标准 生产通知单",
        "测色仪 织物强力机 含水率仪 放码软件 色差仪 卷尺",
        "旗袍 刺绣 剪纸 木雕 扎染 竹编 陶艺 苏绣",
        "轻工",
    ),
    "construction": _field(
        "钢筋 混凝土 砌体 装饰 防水 保温 给水 排水 暖通 幕墙 钢结构 装配式 地下 路基 桥梁 隧道",
        "模板 脚手架 墙面 地面 门窗 管线 构件 基坑 支护 屋面 吊顶 砂浆 预制构件 测量控制网 "
        "施工机具 井巷 围岩 边坡",
        "施工图 施工方案 技术交底 验收规范 作业指导书 安全专项方案",
        "全站仪 水准仪 靠尺 塞尺 回弹仪 激光测距仪",
        "家装水电 瓷砖铺贴 墙纸粘贴 防水补漏 小型砌筑 吊顶安装",
        "建筑",
    ),
    "transport": _field(
        "汽车 机车 船舶 航空 城轨 货运 客运 冷链 危险品 集装箱 仓储 物流 装卸 起重 特种 新能源",
        "车辆 发动机 底盘 制动系统 转向系统 车身 货物 线路 信号设备 仓库 托盘 叉车 吊具 运单 舱室 "
        "动力电池 电控系统 轮胎",
        "维修手册 作业标准 运输计划 装载方案 调度命令 检查表",
        "故障诊断仪 轮胎气压表 扭力扳手 举升机 手持终端 电子地磅",
        "汽车美容 新能源汽车电池检测 网约配送 快递分拣 汽车钣金修复 轮胎修补",
        "交通运输",
    ),
    "digital": _field(
        "分布式 云端 本地 工业 移动 嵌入式 开源 实时 离线 智能 可视化 大数据 物联网 区块链 边缘 安全",
        "服务器 网络设备 数据库 应用系统 数据 接口 云平台 安全策略 日志 脚本 终端 传感网络 算法模型 "
        "数据标注 存储系统 中间件 网页",
        "需求说明书 设计文档 运维手册 测试用例 接口规范 安全规范",
        "网络测试仪 监控平台 抓包工具 版本管理工具 自动化测试工具 日志分析工具",
        "短视频剪辑 网店运营 电子竞技 数据标注 小程序开发 无人机航拍",
        "信息技术",
    ),
    "agriculture": _field(
        "大田 设施 有机 绿色 无土 节水 生态 规模 特色 林下 水产 畜禽 种苗 果树 茶叶 中药材",
        "作物 种子 土壤 肥料 农药 苗木 饲料 温室 灌溉系统 病虫害 果园 茶园 鱼塘 圈舍 疫病 采收 "
        "农机具 育苗基质",
        "生产技术规程 栽培方案 防疫制度 施肥方案 养殖规范 质量标准",
        "土壤速测仪 喷雾器 温湿度计 水质检测仪 电子秤 测土配方仪",
        "食用菌栽培 盆景制作 家庭园艺 蜂蜜采收 茶叶炒制 花卉插花",
        "农业",
    ),
    "service": _field(
        "客户 社区 家庭 商务 会展 健康 养老 托育 美容 体育 文旅 物业 金融 公共 线上 社会",
        "服务流程 档案 投诉 票据 物品 环境 营销方案 订单 会员 活动 场馆 课程 护理计划 膳食 "
        "客房 前台 咨询记录 应急预案",
        "服务规范 工作流程 岗位职责 操作指南 服务合同 应急预案",
        "收银系统 客户管理系统 评估量表 血压计 办公软件 智能终端",
        "家政保洁 母婴护理 茶艺表演 化妆造型 健身指导 老年照护",
        "服务",
    ),
    "professional": _field(
        "工程 试验 技术 质量 设计 规划 环境 安全 标准 计量 检验 研发 项目 信息 管理 咨询",
        "方案 图纸 试验数据 检测报告 质量体系 工艺文件 技术规范 项目计划 成本 风险 标准文本 样品 "
        "仪器设备 测量结果 评审意见 技术档案",
        "技术标准 设计规范 管理制度 项目任务书 质量手册 检验规程",
        "统计软件 计算机辅助设计软件 测量仪器 项目管理软件 检测设备 数据采集系统",
        "工程制图 质量检验 实验室管理 技术文档编写 计量检定 项目申报",
        "技术",
    ),
}

#: 大典 中类 → field of work (a judgement for synthetic text, not a classification).
_FIELD_OF_MIDDLE = {
    **{f"2-{m:02d}": "professional" for m in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 99)},
    **{f"3-{m:02d}": "service" for m in (1, 2, 3, 99)},
    **{f"4-{m:02d}": "service" for m in (1, 5, 6, 7, 10, 13, 14, 99)},
    "4-02": "transport", "4-03": "food", "4-04": "digital", "4-08": "professional", "4-09": "construction",
    "4-11": "electrical", "4-12": "mechanical",
    **{f"5-{m:02d}": "agriculture" for m in (1, 2, 3, 4, 5, 99)},
    "6-01": "food", "6-02": "food", "6-03": "food",
    **{f"6-{m:02d}": "light" for m in (4, 5, 6, 7, 8, 9)},
    **{f"6-{m:02d}": "chemical" for m in (10, 11, 12, 13, 14, 15, 27)},
    "6-16": "construction", "6-29": "construction",
    **{f"6-{m:02d}": "mechanical" for m in (17, 18, 19, 20, 21, 99)},
    "6-22": "transport", "6-23": "transport", "6-30": "transport",
    **{f"6-{m:02d}": "electrical" for m in (24, 26, 28, 31)},
    "6-25": "digital",
}  # fmt: skip

PROVINCES = (
    ("11", "北京市"), ("12", "天津市"), ("13", "河北省"), ("14", "山西省"), ("15", "内蒙古自治区"),
    ("21", "辽宁省"), ("22", "吉林省"), ("23", "黑龙江省"), ("31", "上海市"), ("32", "江苏省"),
    ("33", "浙江省"), ("34", "安徽省"), ("35", "福建省"), ("36", "江西省"), ("37", "山东省"),
    ("41", "河南省"), ("42", "湖北省"), ("43", "湖南省"), ("44", "广东省"), ("45", "广西壮族自治区"),
    ("46", "海南省"), ("50", "重庆市"), ("51", "四川省"), ("52", "贵州省"), ("53", "云南省"),
    ("61", "陕西省"), ("62", "甘肃省"), ("63", "青海省"), ("64", "宁夏回族自治区"), ("65", "新疆维吾尔自治区"),
)  # fmt: skip
_FIRM_WORDS = (
    "华信 恒达 中联 宏远 金桥 新源 正泰 长城 东方 鼎盛 瑞丰 汇通 天成 博远 安泰 永兴 润华 创新 "
    "明德 远航 嘉禾 振华 联创 同创 晨光 海纳 卓越 众诚 启航 中科 华美 宏达 泰和 信达 新华 "
    "国信 德润 立信 金鼎 恒信 盛世 中兴 华盛 鸿运 利民 富源 兴业 荣昌 和泰 祥瑞"
)
_FIRMS = tuple(_FIRM_WORDS.split())
_FIRM_SUFFIXES = ("有限公司", "集团有限公司", "股份有限公司", "科技有限公司")
_ROLES = ("操作", "运维", "检修", "质检", "装调", "工艺", "服务", "管理")


# ------------------------------------------------------------------------------------- reference data


@dataclasses.dataclass(frozen=True)
class Occupation:
    code: str
    name: str
    field: str


def occupations() -> list[Occupation]:
    """Real 大典 2022 occupations of 中类 2–6, less those in the qualification catalogue (sorted by code)."""
    data = json.loads(OCCUPATIONS.read_text(encoding="utf-8"))
    catalogued = _catalogued_codes()
    found = []
    for code, name, _flag in data["occupations"]:
        field = _FIELD_OF_MIDDLE.get(code[:4])
        if field is not None and code not in catalogued and not code.endswith("-00"):
            found.append(Occupation(code, name, field))
    return sorted(found, key=lambda o: o.code)


def _catalogued_codes() -> set[str]:
    # the catalogue file is YAML; a regex is enough to pull its codes and keeps stdkit out of the generator
    import re

    text = CATALOGUE.read_text(encoding="utf-8")
    return set(re.findall(r"\b\d-\d\d-\d\d-\d\d\b", text))


# ------------------------------------------------------------------------------------- documents


@dataclasses.dataclass
class Content:
    name: str
    skills: list[str]
    knowledge: list[str]


@dataclasses.dataclass
class Function:
    name: str
    contents: list[Content]


@dataclasses.dataclass
class Spec:
    """Everything about one document except its body, which is drawn from ``seed``."""

    kind: str
    id: str
    edition: str
    title: str
    issuer: str
    issued: str
    occupation: Occupation
    seed: str
    status: str = "published"
    levels: tuple[str, ...] = LADDER
    supersedes: str | None = None
    basis: str | None = None
    scope: str | None = None
    issuer_type: str | None = None
    region: str | None = None

    @property
    def file_name(self) -> str:
        return f"{self.id}_{self.edition}.yaml"

    @property
    def ref(self) -> str:
        return f"{self.id}@{self.edition}"


class Writer:
    """Composes requirement lines of one document from its field's vocabulary."""

    def __init__(self, spec: Spec) -> None:
        self.rng = random.Random(spec.seed)
        self.field = FIELDS[spec.occupation.field]
        self.occupation = spec.occupation
        rng = self.rng
        # each document works with its own objects, so documents of one field share words, not lines
        pairs = [(m, n) for m in self.field.modifiers for n in self.field.nouns]
        self.objects = [m + n for m, n in rng.sample(pairs, 24)]
        self.docs = rng.sample(self.field.docs, 3)
        self.tools = rng.sample(self.field.tools, 3)

    def condition(self) -> str:
        return self.rng.choice(_CONDITIONS).format(
            doc=self.rng.choice(self.docs), tool=self.rng.choice(self.tools)
        )

    def skill(self, advanced: bool, obj: str) -> str:
        rng = self.rng
        verb = rng.choice(_ADVANCED_VERBS if advanced and rng.random() < 0.6 else _BASIC_VERBS)
        shape = rng.randrange(4)
        if shape == 0:
            return f"能{self.condition()}{verb}{obj}{rng.choice(_TAILS)}"
        if shape == 1:
            return f"能{self.condition()}对{obj}进行{verb}{rng.choice(_TAILS)}"
        if shape == 2:
            return f"能判断{obj}的{rng.choice(('常见故障', '异常状态', '质量缺陷', '运行参数'))}并{verb}"
        return f"能{verb}{obj}和{rng.choice(self.objects)}{rng.choice(_TAILS)}"

    def knowledge(self, obj: str) -> str:
        rng = self.rng
        shape = rng.randrange(5)
        if shape == 0:
            return f"{rng.choice(self.tools)}的使用方法"
        if shape == 1:
            return f"{rng.choice(self.docs)}的识读方法"
        return f"{obj}的{rng.choice(_ASPECTS)}"

    def level(self, level: str) -> list[Function]:
        rng = self.rng
        advanced = level in ("L3", "L2", "L1")
        functions: list[Function] = []
        used_functions: set[str] = set()
        used_skills: set[str] = set()  # a skill written twice in a level is CNT502
        used_knowledge: set[str] = set()  # a knowledge line twice in a level is CNT522
        for _ in range(rng.randint(3, 4)):
            name = f"{rng.choice(self.objects)}{rng.choice(_FUNCTION_VERBS)}"
            while name in used_functions:
                name = f"{rng.choice(self.objects)}{rng.choice(_FUNCTION_VERBS)}"
            used_functions.add(name)
            contents = []
            used_contents: set[str] = set()
            for _ in range(rng.choice((2, 2, 3))):
                obj = rng.choice(self.objects)
                content_name = f"{obj}{rng.choice(_CONTENT_VERBS)}"
                while content_name in used_contents:
                    obj = rng.choice(self.objects)
                    content_name = f"{obj}{rng.choice(_CONTENT_VERBS)}"
                used_contents.add(content_name)
                skills = []
                for _ in range(rng.randint(3, 4)):
                    line = self.skill(advanced, obj)
                    while line in used_skills:
                        line = self.skill(advanced, rng.choice(self.objects))
                    used_skills.add(line)
                    skills.append(line)
                knowledge = []
                for _ in range(rng.choice((2, 3))):
                    line = self.knowledge(obj)
                    for _retry in range(20):
                        if line not in used_knowledge:
                            break
                        line = self.knowledge(rng.choice(self.objects))
                    if line not in used_knowledge:
                        used_knowledge.add(line)
                        knowledge.append(line)
                if not knowledge:  # every draw was taken: the content's own name is unique in the level
                    knowledge.append(f"{content_name}的基本要求")
                contents.append(Content(content_name, skills, knowledge))
            functions.append(Function(name, contents))
        if level in ("L2", "L1"):
            functions.append(self._training(level))
        return functions

    def _training(self, level: str) -> Function:
        lower = "三级/高级工" if level == "L2" else "二级/技师"
        return Function(
            "培训与技术管理",
            [
                Content(
                    "培训指导",
                    [
                        f"能编写{self.occupation.name}培训讲义",
                        f"能对{lower}及以下级别人员进行{self.rng.choice(self.objects)}操作指导",
                    ],
                    ["培训教学的基本方法", "培训讲义的编写方法"],
                ),
                Content(
                    "技术管理",
                    [
                        f"能{self.condition()}制定{self.rng.choice(self.objects)}管理制度",
                        "能进行质量分析和成本核算",
                    ],
                    ["质量管理的基本知识", "生产技术管理的基本知识"],
                ),
            ],
        )

    def work(self, levels: tuple[str, ...]) -> dict[str, list[Function]]:
        return {level: self.level(level) for level in levels}

    def basics(self) -> list[tuple[str, list[str]]]:
        industry = self.field.industry
        areas = [
            (
                f"{industry}基础知识",
                [f"{obj}的{self.rng.choice(_ASPECTS)}" for obj in self.rng.sample(self.objects, 4)],
            ),
            ("安全知识", [f"{industry}安全生产基本知识", "劳动防护用品的使用", "消防和急救知识"]),
            (
                "相关法律、法规知识",
                ["《中华人民共和国劳动法》相关知识", "《中华人民共和国安全生产法》相关知识"],
            ),
        ]
        return areas

    def units(self, subject: str) -> list[Content]:
        rng = self.rng
        verbs = rng.sample(
            ("检查与保养", "故障检修", "安装与调试", "质量检验", "制作", "操作", "修复", "设计"), 3
        )
        units = []
        for verb in verbs:
            skills = [
                f"能{self.condition()}{rng.choice(_BASIC_VERBS)}{subject}的{rng.choice(self.field.nouns)}"
                for _ in range(4)
            ]
            knowledge = [f"{subject}{rng.choice(self.field.nouns)}的{rng.choice(_ASPECTS)}" for _ in range(3)]
            units.append(
                Content(f"{subject}{verb}", list(dict.fromkeys(skills)), list(dict.fromkeys(knowledge)))
            )
        return units


# ------------------------------------------------------------------------------------- rendering


def _lines(items: list[str], indent: str, importance_every: int = 0) -> list[str]:
    out = []
    for position, item in enumerate(items):
        # an occasional Y keeps the 重要程度 distribution realistic and inside X ≥ 80 %, Y ≤ 15 % (CNT503)
        if importance_every and position == 2 and len(items) > 2:
            out.append(f"{indent}- {{text: {item}, importance: Y}}")
        else:
            out.append(f"{indent}- {item}")
    return out


def _weights(names: list[str], total: int) -> list[int]:
    share = [total // len(names)] * len(names)
    share[0] += total - sum(share)
    return share


def render_levelled(spec: Spec, work: dict[str, list[Function]], basics: list[tuple[str, list[str]]]) -> str:
    occupation = spec.occupation
    levels = spec.levels
    out = [
        f"kind: {spec.kind}",
        f"id: {spec.id}",
        f'edition: "{spec.edition}"',
        f"title: {spec.title}",
        f"status: {spec.status}",
        f"issuer: {spec.issuer}",
        f"issued: {spec.issued}",
    ]
    if spec.supersedes:
        out.append(f"supersedes: {spec.supersedes}")
    if spec.kind == "evaluation-spec":
        if spec.basis:
            out.append(f"basis: {spec.basis}")
        out += [f"scope: {spec.scope}", f"issuer_type: {spec.issuer_type}"]
    out += [
        "",
        "occupation:",
        f"  code: {occupation.code}",
        f"  name: {occupation.name}",
        f"  definition: 从事{occupation.name}相关工作，完成{FIELDS[occupation.field].industry}生产或服务中规定任务的人员。",
        f"levels: [{', '.join(levels)}]",
        "talent_type: technical",
        "profile:",
        "  environment: 室内、外，常温。",
        "  abilities: 具有一定的学习理解和表达能力；手指、手臂灵活，动作协调。",
        "  education: 初中毕业（或相当文化程度）。",
        "training:",
        "  hours: {" + ", ".join(f"{lv}: {400 - 50 * i}" for i, lv in enumerate(levels)) + "}",
        "  venue: 具有满足教学需要的标准教室和实训场所。",
        "",
        "assessment:",
        "  eligibility:",
    ]
    for position, level in enumerate(levels):
        out.append(f"    {level}:")
        if position == 0:
            out += ["      - text: 累计从事本职业或相关职业工作1年（含）以上。", "        years: 1"]
        else:
            years = 4 if level != "L3" else 5
            out += [
                f"      - text: 取得本职业或相关职业低一级职业技能等级证书后，累计从事本职业或相关职业工作{years}年（含）以上。",
                f"        prior_level: {levels[position - 1]}",
                f"        years: {years}",
            ]
    out.append("  methods:")
    for level in levels:
        methods = "theory, skill, review" if level in ("L2", "L1") else "theory, skill"
        out.append(f"    {level}: [{methods}]")
    out += [
        "  pass_mark: 60",
        "  theory_items: 100",
        "  ratios: {theory: 15, skill: 5, review: 3}",
        "  durations:",
        "    theory: 90",
        "    skill: {" + ", ".join(f"{lv}: {120 + 30 * (i // 2)}" for i, lv in enumerate(levels)) + "}",
        "    review: 30",
        "",
        "basics:",
        "  ethics:",
        "    knowledge: [职业道德基本知识, 职业守则]",
        "    code_of_conduct: [遵守国家法律、法规和有关规定, 爱岗敬业，精益求精，弘扬工匠精神, 安全文明生产]",
        "  knowledge:",
    ]
    for area, items in basics:
        out += [f"    - area: {area}", "      items:"]
        out += _lines(items, "        ")
    out += ["", "work:"]
    for level, functions in work.items():
        out.append(f"  {level}:")
        for function in functions:
            out += [f"    - function: {function.name}", "      contents:"]
            for c_index, content in enumerate(function.contents):
                out += [f"        - name: {content.name}", "          skills:"]
                out += _lines(content.skills, "            ")
                out.append("          knowledge:")
                out += _lines(content.knowledge, "            ", importance_every=int(c_index == 0))
    out += ["", "weights:", "  theory:"]
    for level, functions in work.items():
        names = [f.name for f in functions]
        cells = ", ".join(f"{n}: {w}" for n, w in zip(names, _weights(names, 70), strict=True))
        out.append(f"    {level}: {{ethics: 5, basics: 25, {cells}}}")
    out.append("  skill:")
    for level, functions in work.items():
        names = [f.name for f in functions]
        cells = ", ".join(f"{n}: {w}" for n, w in zip(names, _weights(names, 100), strict=True))
        out.append(f"    {level}: {{{cells}}}")
    return "\n".join(out) + "\n"


def render_special(spec: Spec, units: list[Content]) -> str:
    out = [
        "kind: special-competency",
        f"id: {spec.id}",
        f'edition: "{spec.edition}"',
        f"title: {spec.title}",
        "status: published",
        f"issuer: {spec.issuer}",
        f"issued: {spec.issued}",
        f"region: {spec.region}",
        f"related_occupations: [{spec.occupation.code}]",
        f"description: 能够完成{spec.title}的主要工作任务，符合相关安全和质量要求。",
        "units:",
    ]
    for unit in units:
        out += [f"  - name: {unit.name}", "    skills:"]
        out += _lines(unit.skills, "      ")
        out.append("    knowledge:")
        out += _lines(unit.knowledge, "      ")
    names = [u.name for u in units]
    cells = ", ".join(f"{n}: {w}" for n, w in zip(names, _weights(names, 100), strict=True))
    out += [
        "assessment:",
        "  methods: [skill]",
        "  pass_mark: 60",
        "  ratios: {skill: 5}",
        "  durations: {skill: 90}",
        "weights:",
        f"  skill: {{{cells}}}",
    ]
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------------------------- near-copies

_ADVERBS = ("熟练", "正确", "独立", "规范地", "准确")


def reword(lines: list[str], rng: random.Random) -> None:
    """Change one line in place the way an editor would: an adverb after 能, or a reworded tail."""
    index = rng.randrange(len(lines))
    line = lines[index]
    if line.startswith("能") and rng.random() < 0.6:
        lines[index] = f"能{rng.choice(_ADVERBS)}{line[1:]}"
    else:
        lines[index] = f"{line}，符合相关标准"


def alter_work(work: dict[str, list[Function]], rng: random.Random) -> list[str]:
    """1–3 lines reworded, one content's skill lines reordered, one level's functions reordered."""
    contents = [c for functions in work.values() for f in functions for c in f.contents]
    changed = rng.randint(1, 3)
    for content in rng.sample(contents, changed):
        reword(content.skills, rng)
    rng.shuffle(rng.choice(contents).skills)
    functions = work[rng.choice(list(work))]
    functions.reverse()
    return [f"{changed} skill line(s) reworded", "skill lines reordered", "functions of a level reordered"]


def alter_units(units: list[Content], rng: random.Random) -> list[str]:
    changed = rng.randint(1, 3)
    for unit in rng.sample(units, min(changed, len(units))):
        reword(unit.skills, rng)
    rng.shuffle(units[-1].skills)
    units.reverse()
    return [f"{min(changed, len(units))} skill line(s) reworded", "lines and modules reordered"]


# ------------------------------------------------------------------------------------- the plan


@dataclasses.dataclass
class Plan:
    specs: list[Spec]
    copies: list[tuple[Spec, Spec]]  # (source, copy): the copy's body is the source's, altered
    distinct: list[tuple[Spec, Spec]]


def _issued(rng: random.Random, year: str) -> str:
    return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _firm(rng: random.Random, field: Field, taken: set[str]) -> tuple[str, str]:
    """A company name not used before (two specs of one issuer and occupation would be OVL701)."""
    while True:
        code, province = rng.choice(PROVINCES)
        name = f"{province[:2]}{rng.choice(_FIRMS)}{field.industry}{rng.choice(_FIRM_SUFFIXES)}"
        if name not in taken:
            taken.add(name)
            return name, code


def plan(n: int, seed: int, share: float = SHARE_COPIES, family: int = 2) -> Plan:
    """The documents to write. ``share``: the share of near-copies; ``family``: how many documents share
    one body (a source and ``family - 1`` near-copies of it, every two of them near-copies of each other).
    The defaults are the corpus described above; others give the many-findings shape (bench/README.md)."""
    rng = random.Random(f"{seed}:plan:{n}")
    pool = occupations()
    rng.shuffle(pool)
    n_special = round(n * SHARE_SPECIAL)
    n_spec = round(n * SHARE_EVALUATION)
    n_standard = n - n_special - n_spec
    # every kind is copied at least once, in proportion otherwise
    n_copies = max(4, round(n * share))
    copy_kinds = [
        "occupational-standard",
        "occupational-standard>evaluation-spec",
        "evaluation-spec",
        "special-competency",
    ]
    per_family = max(1, family - 1)  # copies of one source
    copy_plan = [copy_kinds[(i // per_family) % len(copy_kinds)] for i in range(n_copies)]
    copy_targets = [k.split(">")[-1] for k in copy_plan]
    n_standard_own = n_standard - copy_targets.count("occupational-standard")
    n_spec_own = n_spec - copy_targets.count("evaluation-spec")
    n_special_own = n_special - copy_targets.count("special-competency")

    specs, standards_of = _national_standards(rng, seed, pool, n_standard_own)
    covered = sorted(standards_of)
    # evaluation specs: a handful per occupation, from different issuers
    firms: set[str] = set()
    spec_occupations = rng.sample(covered, min(len(covered), max(1, -(-n_spec_own // SPECS_PER_OCCUPATION))))
    evaluation_specs: list[Spec] = []
    for i in range(n_spec_own):
        code = spec_occupations[i % len(spec_occupations)]
        evaluation_specs.append(_evaluation_spec(rng, seed, standards_of[code], firms, len(evaluation_specs)))
    specs += evaluation_specs
    # special competencies: related to an occupation, titled after what they certify
    titles: set[str] = set()
    specials: list[Spec] = []
    for i in range(n_special_own):
        specials.append(_special(rng, seed, rng.choice(pool), titles, i))
    specs += specials

    copies: list[tuple[Spec, Spec]] = []
    originals = {
        "occupational-standard": sorted(standards_of.values(), key=lambda s: s.id),
        "evaluation-spec": evaluation_specs,
        "special-competency": specials,
    }
    used_sources: set[str] = set()
    source = None
    for number, copy_kind in enumerate(copy_plan):
        source_kind, _, target_kind = copy_kind.partition(">")
        if number % per_family == 0 or source is None:  # a new family: a source not copied before
            candidates = [s for s in originals[source_kind] if s.ref not in used_sources]
            source = rng.choice(candidates)
            used_sources.add(source.ref)
        copy = _copy(rng, seed, source, target_kind or source_kind, firms, titles, number)
        copies.append((source, copy))
        specs.append(copy)

    distinct = _distinct_pairs(rng, evaluation_specs, standards_of, max(2, round(n * SHARE_DISTINCT)))
    return Plan(specs, copies, distinct)


def _national_standards(
    rng: random.Random, seed: int, pool: list[Occupation], wanted: int
) -> tuple[list[Spec], dict[str, Spec]]:
    """One current national standard per occupation, then older editions when ``wanted`` asks for more.

    Returns every edition and, per occupation code, the current (published) one.
    """
    specs: list[Spec] = []
    standards_of: dict[str, Spec] = {}  # occupation code → its current (published) national standard
    editions = [0] * len(pool)
    for i in range(wanted):
        editions[i % len(pool)] += 1
    for occupation, count in zip(pool, editions, strict=False):
        if count == 0:
            continue
        years = sorted(EDITION_YEARS[:count])
        for position, year in enumerate(years):
            current = position == len(years) - 1
            spec = Spec(
                kind="occupational-standard",
                id=occupation.code,
                edition=year,
                title=occupation.name,
                issuer="人力资源社会保障部",
                issued=_issued(rng, year),
                occupation=occupation,
                seed=f"{seed}:{occupation.code}@{year}",
                status="published" if current else "superseded",
                levels=_levels(rng),
                supersedes=f"{occupation.code}@{years[position - 1]}" if position else None,
            )
            specs.append(spec)
            if current:
                standards_of[occupation.code] = spec
    return specs, standards_of


def _distinct_pairs(
    rng: random.Random, evaluation_specs: list[Spec], standards_of: dict[str, Spec], wanted: int
) -> list[tuple[Spec, Spec]]:
    """Planted distinct pairs: same occupation, different issuer scope, no shared lineage (no ``basis:``)."""
    by_occupation: dict[str, list[Spec]] = {}
    for spec in evaluation_specs:
        if spec.basis is None:
            by_occupation.setdefault(spec.occupation.code, []).append(spec)
    groups = [group for _, group in sorted(by_occupation.items())]
    rng.shuffle(groups)
    distinct: list[tuple[Spec, Spec]] = []
    for group in groups:
        if len(distinct) >= wanted:
            break
        first = group[0]
        # alternately a spec against its occupation's national standard, and two specs against each other
        if len(distinct) % 2 == 0 or len(group) < 2:
            distinct.append((standards_of[first.occupation.code], first))
        else:
            distinct.append((first, group[1]))
    return distinct


def _levels(rng: random.Random) -> tuple[str, ...]:
    start, stop = rng.choice(((0, 5), (0, 5), (0, 3), (1, 5), (0, 4), (1, 4)))
    return LADDER[start:stop]


def _evaluation_spec(rng: random.Random, seed: int, standard: Spec, firms: set[str], number: int) -> Spec:
    occupation = standard.occupation
    field = FIELDS[occupation.field]
    issuer, province = _firm(rng, field, firms)
    role = f"{rng.choice(rng.choice([field.nouns, field.modifiers]))}{rng.choice(_ROLES)}岗位"
    levels = LADDER[rng.choice((1, 1, 0)) : rng.choice((3, 4, 5))]
    return Spec(
        kind="evaluation-spec",
        id=f"EV-{province}-{number:05d}",
        edition="2024",
        title=f"{issuer}{occupation.name}（{role}）职业技能等级评价规范",
        issuer=issuer,
        issued=_issued(rng, rng.choice(("2022", "2023", "2024"))),
        occupation=occupation,
        seed=f"{seed}:EV-{number}",
        levels=levels,
        basis=standard.ref if rng.random() < 0.5 else None,
        scope=role,
        issuer_type="enterprise",
    )


def _special(rng: random.Random, seed: int, occupation: Occupation, titles: set[str], number: int) -> Spec:
    field = FIELDS[occupation.field]
    code, province = rng.choice(PROVINCES)
    title = ""
    while not title or title in titles:
        title = f"{rng.choice(field.subjects)}{rng.choice(('维修', '制作', '服务', '检测', '技艺', '操作'))}"
        if title in titles:
            title = f"{rng.choice(field.modifiers)}{title}"
    titles.add(title)
    return Spec(
        kind="special-competency",
        id=f"S-{code}-{number:04d}",
        edition=rng.choice(("2022", "2023", "2024")),
        title=title,
        issuer=f"{province}人力资源和社会保障厅",
        issued=_issued(rng, "2023"),
        occupation=occupation,
        seed=f"{seed}:S-{number}",
        region=province,
    )


def _copy(
    rng: random.Random, seed: int, source: Spec, kind: str, firms: set[str], titles: set[str], number: int
) -> Spec:
    """A new document that takes ``source``'s body: new id, new title, another issuer (or region)."""
    field = FIELDS[source.occupation.field]
    if kind == "special-competency":
        region_code, region = rng.choice([p for p in PROVINCES if p[1] != source.region])
        title = f"{source.title}（{region[:2]}）"
        titles.add(title)
        return dataclasses.replace(
            source,
            id=f"S-{region_code}-C{number:03d}",
            title=title,
            issuer=f"{region}人力资源和社会保障厅",
            region=region,
        )
    issuer, province = _firm(rng, field, firms)
    if kind == "occupational-standard":  # an industry body files the national standard as its own
        return dataclasses.replace(
            source,
            id=f"HY-{source.id}-C{number:03d}",
            title=f"{source.title}职业技能标准（{field.industry}行业）",
            issuer=f"中国{field.industry}行业{rng.choice(('协会', '联合会', '学会'))}",
            supersedes=None,  # a copy that named its source would be one lineage, not an overlap
        )
    role = f"{rng.choice(field.nouns)}{rng.choice(_ROLES)}岗位"
    return dataclasses.replace(
        source,
        kind="evaluation-spec",
        id=f"EV-{province}-C{number:03d}",
        edition="2024",
        title=f"{issuer}{source.occupation.name}（{role}）评价规范",
        issuer=issuer,
        status="published",
        supersedes=None,
        basis=None,  # a copy that declared its basis would be one lineage, not an overlap
        scope=role,
        issuer_type="enterprise",
    )


# ------------------------------------------------------------------------------------- writing


def render(spec: Spec, body_of: Spec | None = None, alter: bool = False) -> tuple[str, list[str]]:
    """The YAML text of ``spec``, with the body drawn from ``body_of`` (a copy's source) if given."""
    writer = Writer(body_of or spec)
    changes: list[str] = []
    if spec.kind == "special-competency":
        source = body_of or spec
        units = writer.units(source.title)
        if alter:
            changes = alter_units(units, random.Random(f"{spec.seed}:alter:{spec.id}"))
        return render_special(spec, units), changes
    source = body_of or spec
    basics = writer.basics()
    work = writer.work(source.levels)
    if alter:
        changes = alter_work(work, random.Random(f"{spec.seed}:alter:{spec.id}"))
    return render_levelled(dataclasses.replace(spec, levels=source.levels), work, basics), changes


def _expected(source: Spec, copy: Spec) -> list[str]:
    """The rules meant to find this copy (an empty list: no rule compares these two kinds)."""
    if copy.kind == "special-competency":
        return []
    if copy.kind == "occupational-standard":
        return ["OVL701", "OVL704"]
    return ["OVL704"]


def write(
    n: int, folder: Path, seed: int = 7, copies: float = SHARE_COPIES, family: int = 2
) -> dict[str, object]:
    """Write the corpus of ``n`` documents into ``folder`` and return the ground truth (also written);
    ``copies`` and ``family`` as for :func:`plan`."""
    the_plan = plan(n, seed, copies, family)
    standards = folder / "standards"
    standards.mkdir(parents=True, exist_ok=True)
    copied = {id(copy): source for source, copy in the_plan.copies}
    changes_of: dict[str, list[str]] = {}
    for spec in the_plan.specs:
        source = copied.get(id(spec))
        text, changes = render(spec, source, alter=source is not None)
        if source is not None:
            changes_of[spec.ref] = ["title changed", *changes]
        (standards / spec.file_name).write_text(text, encoding="utf-8")
    (folder / "stdkit.toml").write_text('[stdkit]\nstandards = ["standards"]\n', encoding="utf-8")
    counts: dict[str, int] = {}
    for spec in the_plan.specs:
        counts[spec.kind] = counts.get(spec.kind, 0) + 1
    truth: dict[str, object] = {
        "seed": seed,
        **({} if (copies, family) == (SHARE_COPIES, 2) else {"copies": copies, "family": family}),
        "documents": n,
        "kinds": dict(sorted(counts.items())),
        "superseded": sum(1 for s in the_plan.specs if s.status == "superseded"),
        "near_copies": [
            {
                "source": f"standards/{source.file_name}",
                "copy": f"standards/{copy.file_name}",
                "source_ref": source.ref,
                "copy_ref": copy.ref,
                "kind": source.kind,
                "copy_kind": copy.kind,
                "changes": changes_of[copy.ref],
                "expected_rules": _expected(source, copy),
            }
            for source, copy in the_plan.copies
        ],
        "distinct": [
            {
                "a": f"standards/{a.file_name}",
                "b": f"standards/{b.file_name}",
                "a_ref": a.ref,
                "b_ref": b.ref,
                "occupation": a.occupation.code,
                "kinds": [a.kind, b.kind],
            }
            for a, b in the_plan.distinct
        ],
    }
    text = json.dumps(truth, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    (folder / "truth.json").write_text(text, encoding="utf-8")
    return truth


def iter_files(folder: Path) -> Iterator[Path]:
    return iter(sorted((folder / "standards").glob("*.yaml")))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("count", type=int, help="number of documents")
    parser.add_argument("folder", type=Path, help="where to write standards/, stdkit.toml and truth.json")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--copies",
        type=float,
        default=SHARE_COPIES,
        help=f"share of the documents that are near-copies (default {SHARE_COPIES})",
    )
    parser.add_argument(
        "--family",
        type=int,
        default=2,
        help="documents that share one body: a source and FAMILY - 1 near-copies of it (default 2)",
    )
    parser.add_argument(
        "--many-findings",
        action="store_true",
        help=f"the many-findings shape: --copies {MANY_FINDINGS[0]} --family {MANY_FINDINGS[1]}",
    )
    args = parser.parse_args(argv)
    if args.many_findings:
        args.copies, args.family = MANY_FINDINGS
    if args.folder.exists() and any(args.folder.iterdir()):
        parser.error(f"{args.folder} is not empty")
    truth = write(args.count, args.folder, args.seed, args.copies, args.family)
    print(f"wrote {args.count} documents {truth['kinds']} to {args.folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
