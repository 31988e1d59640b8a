"""Demo data: a deterministic, realistic Chinese B2B IT and telecom solutions vendor.

:func:`generate` returns one frame per import kind, with the canonical column names of
:mod:`kamp.schema`; :mod:`kamp.demo_samples` writes small bilingual sample files from it.
"""
from __future__ import annotations

from statistics import NormalDist

import numpy as np
import pandas as pd


INDUSTRIES = ("政府", "电信", "金融", "教育", "制造", "交通运输", "IT", "零售", "能源", "医疗")
INDUSTRY_P = (0.12, 0.07, 0.10, 0.10, 0.20, 0.08, 0.12, 0.09, 0.06, 0.06)
REGIONS = ("华东", "华北", "华南", "西南", "华中", "西北", "东北")
REGION_P = (0.30, 0.20, 0.18, 0.10, 0.10, 0.06, 0.06)
CITIES = (("上海", "杭州", "南京", "苏州", "宁波", "合肥", "济南", "青岛", "福州", "厦门"),
          ("北京", "天津", "石家庄", "太原", "呼和浩特", "唐山"), ("广州", "深圳", "东莞", "佛山", "南宁", "海口"),
          ("成都", "重庆", "昆明", "贵阳"), ("武汉", "长沙", "郑州", "南昌"), ("西安", "兰州", "乌鲁木齐", "银川"),
          ("沈阳", "大连", "长春", "哈尔滨"))
# Sales reps by home region, in REGIONS order, about as many as the region's share of the accounts:
# 27 + 18 + 16 + 9 + 9 + 6 + 5. Ninety reps give 108,000 selling hours a year, short of what the
# default coverage models ask for the demo's tiers: a gap the Coverage page has something to say about.
REPS = ("张伟", "王芳", "李娜", "刘强", "陈静", "杨磊", "赵敏", "黄勇", "周杰", "吴涛", "徐明", "孙丽", "马超", "朱华", "胡军",
        "郭鹏", "何欣", "高峰", "林婷", "罗斌", "郑宇", "梁辉", "谢雪", "宋佳", "唐凯", "韩宇磊", "胡晨杰", "刘华", "冯鹏玲", "周涛",
        "郑晨凯", "何丽", "梁峰帆", "冯勇", "梁娟静", "杨刚", "罗伟勇", "冯琳", "曾敏", "董涛", "余伟", "何欣斌", "马国军", "王英", "刘宁辉",
        "杨娟", "冯宁", "田博", "何晨建", "郑峰雪", "袁芳", "韩睿", "冯军秀", "冯雪强", "吴娟", "徐秀伟", "邓玲", "田国建", "马斌雪", "张婷晨",
        "潘雪斌", "潘红", "赵帆勇", "陈宇", "刘静娟", "马志洋", "肖海", "胡峰艳", "韩平凯", "谢宇睿", "唐超", "肖伟海", "何博勇", "肖鹏", "董敏丽",
        "王艳", "李艳怡", "邓博芳", "韩佳", "郑杰", "李琳", "徐英芳", "赵芳", "刘峰斌", "蔡国博", "林琳", "蔡辉", "马婷", "陈勇帆", "冯磊娜")
REPS_PER_REGION = (27, 18, 16, 9, 9, 6, 5)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余"
SURNAME_PY = ("wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo zheng "
              "liang xie song tang xu han feng deng cao peng zeng xiao tian dong yuan pan jiang cai yu").split()
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚英华建国文辉鹏宇晨浩志红玲婷雪琳斌峰海欣怡佳俊凯帆博宁睿"
GIVEN_PY = ("wei fang na min jing li qiang lei jun yang yong yan jie juan tao ming chao xiu xia ping gang ying "
            "hua jian guo wen hui peng yu chen hao zhi hong ling ting xue lin bin feng hai xin yi jia jun kai "
            "fan bo ning rui").split()
WORDS = ("华信 中科 恒达 瑞通 联创 金桥 天宇 博远 新锐 东方 宏图 鼎盛 广源 汇通 启明 长城 海纳 星辰 智联 万方 "
         "正泰 永盛 嘉禾 安泰 德润 中天 华建 远航 信达 同创 九州 蓝海 国泰 银河 卓越 明德 飞腾 云帆 锦程 泰和").split()
WORDS_PY = ("huaxin zhongke hengda ruitong lianchuang jinqiao tianyu boyuan xinrui dongfang hongtu dingsheng "
            "guangyuan huitong qiming changcheng haina xingchen zhilian wanfang zhengtai yongsheng jiahe antai "
            "derun zhongtian huajian yuanhang xinda tongchuang jiuzhou lanhai guotai yinhe zhuoyue mingde "
            "feiteng yunfan jincheng taihe").split()
ORDINALS = "一二三四五六七八九"
NAME_TEMPLATES = tuple(s.split("|") for s in (  # {c} city, {w} word, {n} ordinal; in INDUSTRIES order
    "{c}市大数据管理局|{c}市公安局|{c}市税务局|{c}市人力资源和社会保障局|{c}市交通运输局|{c}市卫生健康委员会|"
    "{c}市财政局|{c}市住房公积金管理中心|{c}市市场监督管理局|{c}市政务服务中心",
    "中国电信股份有限公司{c}分公司|中国移动通信集团{c}分公司|中国联合网络通信有限公司{c}市分公司|"
    "{c}{w}通信技术有限公司|{c}{w}网络科技有限公司|{c}广电网络有限公司",
    "{c}农村商业银行股份有限公司|{w}证券股份有限公司|{w}人寿保险股份有限公司|{c}{w}融资租赁有限公司|"
    "{c}银行股份有限公司|{w}基金管理有限公司",
    "{c}理工大学|{c}师范大学|{c}职业技术学院|{c}市第{n}中学|{c}{w}教育科技有限公司|{c}医科大学",
    "{c}{w}机械制造有限公司|{w}精密电子股份有限公司|{c}{w}汽车零部件有限公司|{c}{w}化工股份有限公司|"
    "{c}{w}电气有限公司|{w}新材料科技股份有限公司",
    "{c}{w}物流有限公司|{c}地铁集团有限公司|{c}港集团有限公司|{c}{w}航空服务有限公司|{c}公交集团有限公司|"
    "{w}快运股份有限公司",
    "{c}{w}科技有限公司|{w}软件股份有限公司|{c}{w}信息技术有限公司|{c}{w}数据服务有限公司|{c}{w}网络技术有限公司",
    "{c}{w}商贸有限公司|{w}连锁超市有限公司|{c}{w}百货股份有限公司|{c}{w}电子商务有限公司|{w}便利店连锁有限公司",
    "{c}{w}能源有限公司|国网{c}供电公司|{c}{w}新能源科技有限公司|{c}燃气集团有限公司|{c}{w}电力工程有限公司",
    "{c}市第{n}人民医院|{c}{w}医药股份有限公司|{c}市中心医院|{c}{w}医疗器械有限公司|{c}市妇幼保健院|"
    "{w}健康科技有限公司"))
PRODUCT_LINES = ("服务器", "存储", "网络设备", "软件许可", "实施服务", "运维服务")
LINE_MARGIN = np.array([0.33, 0.36, 0.40, 0.60, 0.48, 0.55])  # gross margin at list price
LINE_PRICE_DRIFT = np.array([-0.04, -0.04, -0.03, 0.0, 0.03, 0.03])  # yearly list-price change
LINE_MIX = np.array([  # product-line preference per industry, rows in INDUSTRIES order
    [1.0, 0.8, 1.0, 1.3, 1.6, 1.2], [1.6, 1.2, 1.8, 0.8, 0.8, 1.0], [1.2, 1.8, 1.0, 1.4, 0.9, 1.2],
    [0.8, 0.7, 1.8, 1.0, 1.0, 0.8], [1.2, 0.9, 1.2, 1.0, 1.0, 1.0], [1.0, 0.9, 1.4, 0.9, 1.1, 1.2],
    [1.6, 1.3, 1.0, 1.2, 0.6, 0.7], [0.9, 0.7, 1.2, 1.3, 0.9, 0.9], [1.1, 1.0, 1.2, 0.9, 1.2, 1.4],
    [0.9, 1.1, 1.0, 1.3, 1.1, 1.0]])
CATALOG = pd.DataFrame([  # sku, description, product line, list price (CNY), typical quantity, weight
    ("SRV-R2200", "2U双路机架式服务器", 0, 68000, 2, 2), ("SRV-R4800", "4U四路高性能服务器", 0, 198000, 1, 0.5),
    ("SRV-G5500", "8卡GPU训练服务器", 0, 880000, 1, 0.08), ("SRV-B1000", "刀片服务器节点", 0, 45000, 2, 1),
    ("SRV-T100", "塔式服务器", 0, 15800, 2, 2), ("SRV-E900", "边缘计算服务器", 0, 22000, 3, 1),
    ("STO-5300", "中端全闪存存储", 1, 380000, 1, 0.25), ("STO-2600", "入门级SAN存储", 1, 96000, 1, 1.5),
    ("STO-N100", "NAS网络存储", 1, 35000, 1, 2), ("STO-D200", "分布式存储节点", 1, 120000, 2, 0.4),
    ("STO-HD8T", "8TB企业级硬盘", 1, 2600, 12, 3), ("STO-B100", "备份一体机", 1, 150000, 1, 0.6),
    ("NET-S5700", "48口千兆接入交换机", 2, 12800, 3, 4), ("NET-S6800", "万兆核心交换机", 2, 168000, 1, 0.4),
    ("NET-R3600", "企业级路由器", 2, 36000, 2, 1.5), ("NET-F1000", "下一代防火墙", 2, 58000, 1, 1.5),
    ("NET-AP610", "企业级无线AP", 2, 1680, 20, 3), ("NET-LB200", "应用负载均衡", 2, 88000, 1, 0.6),
    ("SW-OS", "服务器操作系统授权", 3, 4800, 10, 3), ("SW-DB", "数据库企业版（每核）", 3, 28000, 4, 0.6),
    ("SW-VM", "虚拟化平台（每CPU）", 3, 9600, 8, 1.5), ("SW-BAK", "备份软件授权", 3, 18000, 2, 1.2),
    ("SW-SEC", "终端安全授权（每点）", 3, 120, 200, 2), ("SW-MON", "运维监控平台", 3, 150000, 1, 0.5),
    ("SVC-IMP", "系统集成实施（人天）", 4, 2800, 15, 3), ("SVC-MIG", "数据迁移服务（人天）", 4, 3200, 8, 1.2),
    ("SVC-CON", "咨询规划服务（人天）", 4, 5800, 6, 1), ("SVC-TRN", "技术培训（人天）", 4, 2200, 3, 1.5),
    ("SVC-DEP", "设备安装调试（台）", 4, 800, 6, 2.5), ("OM-BAS", "基础维保服务（年）", 5, 36000, 1, 2),
    ("OM-PRM", "驻场运维服务（人月）", 5, 28000, 3, 1), ("OM-EXT", "延保服务（台·年）", 5, 6800, 4, 2),
    ("OM-724", "7×24小时响应服务（年）", 5, 120000, 1, 0.6), ("OM-INS", "巡检服务（次）", 5, 4500, 2, 1.5),
], columns=["sku", "description", "line", "price", "qty", "weight"])
CHANNELS = ("直销", "渠道", "线上")
ROLES = ("decision_maker", "sponsor", "strategic_coach", "anti_sponsor", "user", "influencer")
ROLE_P = (0.08, 0.22, 0.12, 0.12, 0.26, 0.20)
ROLE_INFLUENCE = ((4, 5), (3, 5), (2, 4), (2, 5), (1, 3), (2, 4))  # inclusive range per role
ROLE_ATTITUDE = ((-1, 2), (1, 2), (1, 2), (-2, -1), (-1, 1), (-1, 2))
ROLE_TITLES = (("总经理", "副总裁", "CIO", "CTO"), ("IT总监", "信息中心主任", "副总裁"),
               ("采购经理", "项目经理", "总经理助理"), ("财务总监", "采购总监", "运维经理"),
               ("工程师", "系统管理员", "运维工程师"), ("架构师", "技术经理", "采购经理"))
KINDS = ("visit", "call", "task", "complaint", "praise", "suggestion", "survey")
KIND_P = (0.25, 0.33, 0.20, 0.05, 0.05, 0.05, 0.07)
NOTES = (("拜访客户，交流年度IT规划", "现场拜访，讨论扩容需求", "与信息中心负责人沟通项目进展", "陪同技术专家做方案交流"),
         ("电话跟进报价反馈", "电话确认交付时间", "电话沟通续保事宜", "了解招标时间安排", "跟进回款进度"),
         ("准备技术方案", "提交报价单", "安排售前测试", "整理合同条款", "组织客户培训"),
         ("设备到货延迟，客户不满", "故障响应不及时", "发票开具有误", "实施人员更换频繁", "备件供应慢"),
         ("客户表扬驻场工程师服务", "项目按期上线，客户满意", "故障处理迅速，客户来函感谢"),
         ("建议增加本地备件库", "希望提供季度服务报告", "建议简化报价流程", "希望加强培训"),
         ("季度满意度调查", "年度客户满意度回访", "项目验收满意度调查"))
MONTH_FACTOR = np.array([0.85, 0.55, 0.95, 1.0, 1.0, 1.15, 0.9, 0.85, 1.1, 0.8, 1.2, 1.7])
SPRING_FESTIVAL = {int(d[:4]): d for d in ("2020-01-25 2021-02-12 2022-02-01 2023-01-22 2024-02-10 2025-01-29 "
                                            "2026-02-17 2027-02-06 2028-01-26 2029-02-13 2030-02-03").split()}
SIZE_SIGMA = 1.92  # spread of the lognormal account size; sets the 80/20 concentration
ORDER_RATE = 22  # expected orders over the history for an account of median size


def _day_weights(days: pd.DatetimeIndex) -> np.ndarray:
    """Relative order intensity per day: Q4 peak, Spring Festival and Golden Week dips, weekends."""
    w = MONTH_FACTOR[days.month - 1] * 1.06 ** (np.arange(len(days)) / 365.25)
    w[days.day_of_week >= 5] *= 0.02
    for year in sorted(set(days.year)):
        sf = pd.Timestamp(SPRING_FESTIVAL.get(year, f"{year}-02-01"))
        w[(days >= sf - pd.Timedelta(days=7)) & (days <= sf + pd.Timedelta(days=12))] *= 0.15
        w[(days >= pd.Timestamp(year, 10, 1)) & (days <= pd.Timestamp(year, 10, 7))] *= 0.15
    return w


def _pick_days(rng, cum0: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """One day index in ``[lo, hi]`` per element, drawn in proportion to the cumulated weights ``cum0``."""
    u = cum0[lo] + rng.random(len(lo)) * (cum0[hi + 1] - cum0[lo])
    return np.clip(np.searchsorted(cum0, u, side="right") - 1, lo, hi)


def _workday(days: pd.DatetimeIndex, day: np.ndarray) -> np.ndarray:
    """Day indices with a Saturday or Sunday moved to the next Monday (never past the last day)."""
    dow = (days[0].day_of_week + day) % 7
    return np.minimum(day + (dow == 5) * 2 + (dow == 6), len(days) - 1)


def _stamp(rng, days: pd.DatetimeIndex, day: np.ndarray) -> np.ndarray:
    """Timestamps on the given day indices, at a random minute from 9:00 to 17:30."""
    return days.values[day] + rng.integers(9 * 60, 17 * 60 + 31, len(day)).astype("timedelta64[m]")


def _within(rng, groups: tuple[tuple[str, ...], ...], which: np.ndarray) -> np.ndarray:
    """A random member of ``groups[i]`` for each ``i`` in ``which``."""
    flat = np.array([item for g in groups for item in g], object)
    size = np.array([len(g) for g in groups])
    return flat[(np.cumsum(size) - size)[which] + (rng.random(len(which)) * size[which]).astype(int)]


def _person_names(rng, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Chinese person names and their ``given.surname`` pinyin."""
    s, g1, g2 = (rng.integers(m, size=n) for m in (len(SURNAMES), len(GIVEN), len(GIVEN)))
    two = rng.random(n) < 0.6
    gz, gp = np.array(list(GIVEN), object), np.array(GIVEN_PY, object)
    names = np.array(list(SURNAMES), object)[s] + gz[g1] + np.where(two, gz[g2], "")
    return names, gp[g1] + np.where(two, gp[g2], "") + "." + np.array(SURNAME_PY, object)[s]


def _company_names(rng, industry: np.ndarray, city: list[str], word: np.ndarray) -> list[str]:
    """Unique company names from the industry's templates, the account's city and a trade word."""
    names: dict[str, None] = {}
    for ind, c, w in zip(industry, city, word):
        templates, tries, name = NAME_TEMPLATES[ind], 0, ""
        while not name or name in names:  # a clash draws another word; a stubborn one gets a suffix
            name = templates[rng.integers(len(templates))].format(c=c, w=WORDS[w], n=ORDINALS[rng.integers(9)])
            name, w, tries = name if tries < 50 else f"{name}（{tries}）", rng.integers(len(WORDS)), tries + 1
        names[name] = None
    return list(names)


def _accounts(rng, n: int, n_days: int) -> tuple[pd.DataFrame, dict]:
    """The accounts frame and per-account arrays: size, buying window, channel, terms, payment habit."""
    ind, reg = rng.choice(len(INDUSTRIES), n, p=INDUSTRY_P), rng.choice(len(REGIONS), n, p=REGION_P)
    word = rng.integers(len(WORDS), size=n)
    names = _company_names(rng, ind, list(_within(rng, CITIES, reg)), word)
    # Evenly spaced normal quantiles keep the 80/20 share stable from seed to seed.
    size = np.exp(SIZE_SIGMA * rng.permutation([NormalDist().inv_cdf((i + 0.5) / n) for i in range(n)]))
    pct = np.argsort(np.argsort(size)) / max(n - 1, 1)
    revenue = np.round(size * 6e7 * np.exp(rng.normal(0, 0.7, n)), -4)
    public = (rng.random(n) < 0.03 + 0.45 * (revenue >= 4e8)) & (ind != 0) & (ind != 3)
    owner = _within(rng, np.split(np.array(REPS, object), np.cumsum(REPS_PER_REGION)[:-1]), reg)
    owner[rng.random(n) < 0.03] = None
    first = np.where(rng.random(n) < 0.16, rng.integers(90, n_days - 30, n), 0)
    stop = np.where(rng.random(n) < 0.16, n_days - 1 - rng.integers(183, 548, n), n_days - 1)
    stop = np.where(stop - first > 60, stop, n_days - 1)
    chan_p = np.select([pct[:, None] > 0.8, pct[:, None] > 0.4], [[0.85, 0.12, 0.03], [0.5, 0.4, 0.1]],
                       [0.2, 0.55, 0.25])
    frame = pd.DataFrame({
        "account_id": [f"C{i + 1:04d}" for i in range(n)], "name": names,
        "industry": np.array(INDUSTRIES, object)[ind], "region": np.array(REGIONS, object)[reg], "country": "中国",
        "size_band": np.where(revenue >= 4e8, "大型", np.where(revenue >= 2e7, "中型", "小型")),
        "registered_capital": np.where(ind == 0, np.nan, np.round(revenue * rng.uniform(0.05, 0.4, n), -4)),
        "annual_revenue": revenue, "listed": np.where(public, "是", "否"), "owner": owner})
    return frame, dict(
        n=n, ind=ind, reg=reg, size=size, pct=pct, first=first, stop=stop, owner=owner, word=word,
        ids=frame["account_id"].to_numpy(object), channel=(rng.random(n)[:, None] > np.cumsum(chan_p, 1)).sum(1),
        terms=np.where((ind <= 3) | (pct > 0.85), rng.choice([60, 90], n, p=[0.4, 0.6]), rng.choice([30, 60], n)),
        payer=np.where((pct > 0.9) & (rng.random(n) < 0.12), 2, (rng.random(n) < 0.2).astype(int)))


def _transactions(rng, a: dict, days: pd.DatetimeIndex) -> tuple[dict, dict]:
    """Sales lines (one dict of arrays) and their orders; bigger accounts buy more, more often, cheaper."""
    active = (a["stop"] - a["first"] + 1) / len(days)
    acc = np.repeat(np.arange(a["n"]), 1 + rng.poisson(ORDER_RATE * a["size"] ** 0.6 * active))
    day = _workday(days, _pick_days(rng, np.r_[0, np.cumsum(_day_weights(days))], a["first"][acc], a["stop"][acc]))
    ts = _stamp(rng, days, day)
    order = np.lexsort((acc, ts))
    acc, day, ts, m = acc[order], day[order], ts[order], len(acc)
    year = ts.astype("datetime64[Y]").astype(int) + 1970
    seq = np.arange(m) - np.searchsorted(year, year) + 1
    invoice = ("SO" + pd.Series(year).astype(str) + pd.Series(seq).astype(str).str.zfill(6)).to_numpy(object)
    chan = np.where(rng.random(m) < 0.85, a["channel"][acc], rng.integers(3, size=m))
    house = np.array(REPS, object)[rng.integers(len(REPS), size=m)]
    seller = np.where((rng.random(m) < 0.92) & pd.notna(a["owner"][acc]), a["owner"][acc], house)
    n_lines = np.minimum(1 + rng.poisson(0.9 + 2.2 * a["pct"][acc]), 12)
    o = np.repeat(np.arange(m), n_lines)
    la, k = acc[o], len(o)
    prob = LINE_MIX[:, CATALOG["line"]] * CATALOG["weight"].to_numpy()
    cum = np.cumsum(prob / prob.sum(1, keepdims=True), axis=1)
    prod = np.minimum((rng.random(k)[:, None] > cum[a["ind"][la]]).sum(1), len(CATALOG) - 1)
    pline = CATALOG["line"].to_numpy()[prod]
    qty = np.maximum(1, np.round(CATALOG["qty"].to_numpy()[prod] * 0.4 * a["size"][la] ** 0.3
                                 * np.exp(rng.normal(0, 0.6, k)))).astype(np.int64)
    price = np.round(CATALOG["price"].to_numpy()[prod] * (1 + LINE_PRICE_DRIFT[pline]) ** (day[o] / 365.25), 0)
    # Discounts grow with the account's size: the big accounts' margin is the thinnest.
    rate = 0.02 + 0.16 * a["pct"][la] + np.array([0.0, 0.04, -0.02])[chan[o]] + rng.normal(0, 0.025, k)
    discount = np.round(qty * price * np.clip(np.where(pline >= 4, rate / 2, rate), 0, 0.35), 2)
    amount = np.round(qty * price - discount, 2)
    line_no = np.arange(k) - np.repeat(np.cumsum(n_lines) - n_lines, n_lines) + 1
    sales = dict(order=o, acc=la, ts=ts[o], invoice=invoice[o], line=line_no, prod=prod, qty=qty, price=price,
                 discount=discount, amount=amount,
                 cost=np.round(qty * price * (1 - LINE_MARGIN[pline]) * rng.uniform(0.95, 1.05, k), 2),
                 seller=seller[o], chan=chan[o])
    return sales, dict(acc=acc, day=day, invoice=invoice, total=np.round(np.bincount(o, amount, m), 2))


def _returns(rng, a: dict, s: dict, orders: dict, days: pd.DatetimeIndex) -> dict:
    """Credit lines: ~2.5 % of lines, full refunds for three failed small accounts, two old credits."""
    n_days, o = len(days), s["order"]
    pool = np.flatnonzero((a["stop"] < n_days - 183) & (a["pct"] < 0.4))
    failed = pool[np.argsort(np.bincount(s["acc"], minlength=a["n"])[pool], kind="stable")[:3]]
    full = np.isin(s["acc"], failed)
    ret_day = orders["day"][o] + rng.integers(3, 61, len(orders["acc"]))[o]
    pick = ((rng.random(len(o)) < 0.026) | full) & (ret_day < n_days)
    q = s["qty"][pick]
    rq = np.where(full[pick] | (rng.random(len(q)) < 0.6), q, rng.integers(1, q + 1))
    net_unit = np.ceil(s["amount"][pick] / q * 100) / 100  # credited at the net price paid
    po = o[pick]
    start = np.r_[0, np.flatnonzero(np.diff(po)) + 1]
    r = dict(acc=s["acc"][pick], ts=_stamp(rng, days, _workday(days, ret_day[pick])),
             invoice="C" + s["invoice"][pick], prod=s["prod"][pick], qty=-rq,
             line=np.arange(len(po)) - np.repeat(start, np.diff(np.r_[start, len(po)])) + 1,
             price=net_unit, discount=np.zeros(len(q)), amount=np.round(-rq * net_unit, 2),
             cost=np.round(-rq * s["cost"][pick] / q, 2), seller=s["seller"][pick], chan=s["chan"][pick])
    # Two small accounts get a credit note for an invoice older than the history: net revenue below zero.
    owed = rng.choice(np.setdiff1d(np.flatnonzero((a["pct"] < 0.3) & (a["stop"] == n_days - 1)), failed), 2, False)
    credit = np.round(np.maximum(np.bincount(s["acc"], s["amount"], a["n"])[owed], 1000) * rng.uniform(1.2, 2, 2), 2)
    old = dict(acc=owed, ts=_stamp(rng, days, _workday(days, a["first"][owed] + 10)), line=np.ones(2, int),
               prod=np.full(2, CATALOG["sku"].tolist().index("OM-BAS")),
               invoice=np.array([f"CSO{days[0].year - 1}{k:06d}" for k in rng.integers(1, 9000, 2)], object),
               qty=-np.ones(2, np.int64), price=credit, discount=np.zeros(2), amount=-credit,
               cost=np.round(-credit * 0.45, 2), seller=np.array(REPS, object)[rng.integers(len(REPS), size=2)],
               chan=a["channel"][owed])
    return {key: np.concatenate([r[key], old[key]]) for key in r}


def _payments(rng, a: dict, orders: dict, days: pd.DatetimeIndex) -> pd.DataFrame:
    """One row per sales invoice; prompt, late and chronically late payers; recent invoices open."""
    acc, inv_day, total = orders["acc"], orders["day"], orders["total"]
    m, payer, due = len(acc), a["payer"][acc], inv_day + a["terms"][acc]
    delay = np.select([payer == 0, payer == 1], [np.round(rng.normal(-3, 6, m)), 5 + np.round(rng.exponential(25, m))],
                      45 + np.round(rng.exponential(60, m)))
    paid = np.maximum(due + delay, inv_day + 1).astype(np.int64)
    unpaid = (paid > len(days) - 1) | (rng.random(m) < 0.006)
    part = np.where(~unpaid & (rng.random(m) < 0.03), rng.uniform(0.5, 0.95, m), 1.0)
    base = days.values[0]
    return pd.DataFrame({
        "account_id": a["ids"][acc], "invoice_id": orders["invoice"], "invoice_date": base + inv_day.astype("m8[D]"),
        "amount": total, "due_date": base + due.astype("m8[D]"),
        "paid_date": np.where(unpaid, np.datetime64("NaT"), base + paid.astype("m8[D]")),
        "paid_amount": np.where(unpaid, np.nan, np.round(total * part, 2))})


def _contacts(rng, a: dict, days: pd.DatetimeIndex) -> pd.DataFrame:
    """1-6 contacts per account, more for big ones; some big accounts hang on a single thread."""
    n, pct, n_days = a["n"], a["pct"], len(days)
    k = np.clip(1 + np.round(pct * 3.5 + rng.normal(0, 0.8, n)), 1, 6).astype(int)
    k[(pct > 0.8) & (rng.random(n) < 0.1)] = 1
    acc = np.repeat(np.arange(n), k)
    nc, lead = len(acc), np.isin(np.arange(len(acc)), np.cumsum(k) - k)
    role = np.where(lead & (rng.random(nc) < 0.7), 0, rng.choice(len(ROLES), nc, p=ROLE_P))
    (i_lo, i_hi), (a_lo, a_hi) = np.array(ROLE_INFLUENCE).T, np.array(ROLE_ATTITUDE).T
    names, pinyin = _person_names(rng, nc)
    ind = a["ind"][acc]
    domain = np.array(WORDS_PY, object)[a["word"][acc]] + np.select([ind == 0, ind == 3], [".gov.cn", ".edu.cn"],
                                                                    ".com.cn")
    phone = (np.array(["13", "15", "18", "19"], object)[rng.integers(4, size=nc)]
             + pd.Series(rng.integers(0, 10**9, nc)).astype(str).str.zfill(9).to_numpy(object))
    back = np.where(a["stop"][acc] < n_days - 183, 120 + rng.exponential(150, nc), rng.exponential(35, nc))
    return pd.DataFrame({
        "account_id": a["ids"][acc], "name": names, "title": _within(rng, ROLE_TITLES, role),
        "role": np.array(ROLES, object)[role], "influence": rng.integers(i_lo[role], i_hi[role] + 1),
        "attitude": rng.integers(a_lo[role], a_hi[role] + 1), "email": pinyin + "@" + domain, "phone": phone,
        "last_contact": _stamp(rng, days, _workday(days, np.clip(n_days - 1 - back.astype(int), 0, n_days - 1)))})


def _interactions(rng, a: dict, contacts: pd.DataFrame, days: pd.DatetimeIndex) -> pd.DataFrame:
    """Visits, calls, tasks, complaints, praise, suggestions and surveys, with a contact of the account."""
    acc = np.repeat(np.arange(a["n"]), rng.poisson(2 + 16 * a["pct"] ** 2))
    ni = len(acc)
    day = rng.integers(np.maximum(a["first"][acc] - 60, 0), np.minimum(a["stop"][acc] + 90, len(days) - 1) + 1)
    kind = rng.choice(len(KINDS), ni, p=KIND_P)
    score = pd.array(rng.choice(5, ni, p=[0.04, 0.08, 0.2, 0.4, 0.28]) + 1, "Int64")
    score[kind != 6] = pd.NA
    per_acc = np.bincount(pd.Index(a["ids"]).get_indexer(contacts["account_id"]), minlength=a["n"])
    who = (np.cumsum(per_acc) - per_acc)[acc] + (rng.random(ni) * per_acc[acc]).astype(int)
    frame = pd.DataFrame({
        "account_id": a["ids"][acc], "ts": _stamp(rng, days, _workday(days, day)),
        "kind": np.array(KINDS, object)[kind], "score": score, "contact": contacts["name"].to_numpy(object)[who],
        "note": _within(rng, NOTES, kind)})
    return frame.sort_values(["ts", "account_id"], kind="stable", ignore_index=True)


def generate(seed: int = 20240101, n_accounts: int = 1200, end: str = "2026-09-30") -> dict[str, pd.DataFrame]:
    """Generate a deterministic demo data set of a Chinese B2B IT and telecom solutions vendor.

    Parameters
    ----------
    seed : int
        Seed of ``numpy.random.default_rng``; the same seed gives identical frames.
    n_accounts : int
        Number of customer accounts.
    end : str
        Last day of the three-year history.

    Returns
    -------
    dict of str to pandas.DataFrame
        One frame per import kind, with the canonical columns of :mod:`kamp.schema`:
        ``accounts`` (account_id, name, industry, region, country, size_band, registered_capital,
        annual_revenue, listed, owner, wallet_estimate); ``transactions`` (account_id, ts, invoice_id,
        line_id, product, description, product_line, quantity, unit_price, discount, amount, cost,
        salesperson, region, channel; a return line has a ``C``-prefixed copy of the invoice it refunds,
        a negative quantity, the net unit price paid and no discount); ``contacts`` (account_id, name,
        title, role, influence, attitude, email, phone, last_contact); ``payments`` (account_id,
        invoice_id, invoice_date, amount, due_date, paid_date, paid_amount; one row per sales invoice)
        and ``interactions`` (account_id, ts, kind, score, contact, note).
    """
    rng = np.random.default_rng(seed)
    end_day = pd.Timestamp(end).normalize()
    days = pd.date_range(end_day - pd.DateOffset(years=3) + pd.Timedelta(days=1), end_day, freq="D")
    accounts, a = _accounts(rng, n_accounts, len(days))
    sales, orders = _transactions(rng, a, days)
    credits = _returns(rng, a, sales, orders, days)
    x = {key: np.concatenate([sales[key], credits[key]]) for key in credits}
    sku = CATALOG.iloc[x["prod"]]
    tx = pd.DataFrame({
        "account_id": a["ids"][x["acc"]], "ts": x["ts"], "invoice_id": x["invoice"], "line_id": x["line"],
        "product": sku["sku"].to_numpy(), "description": sku["description"].to_numpy(),
        "product_line": np.array(PRODUCT_LINES, object)[sku["line"]], "quantity": x["qty"].astype(np.int64),
        "unit_price": x["price"], "discount": x["discount"], "amount": x["amount"], "cost": x["cost"],
        "salesperson": x["seller"], "region": np.array(REGIONS, object)[a["reg"][x["acc"]]],
        "channel": np.array(CHANNELS, object)[x["chan"]]})
    tx = tx.sort_values(["ts", "invoice_id", "line_id"], kind="stable", ignore_index=True)
    tx["line_id"] = tx["line_id"].astype(str)
    # The wallet is a multiple of what the account spends with us per year while it buys.
    net = np.bincount(x["acc"], x["amount"], n_accounts)
    yearly = np.where(net > 0, net, np.bincount(sales["acc"], sales["amount"], n_accounts))
    yearly = np.maximum(yearly / np.maximum((a["stop"] - a["first"] + 1) / 365.25, 0.5), 1000)
    wallet = np.round(yearly * rng.uniform(1.5, 6.0, n_accounts), -3)
    accounts["wallet_estimate"] = np.where(rng.random(n_accounts) < 0.2, np.nan, wallet)
    contacts = _contacts(rng, a, days)
    frames = {"accounts": accounts, "transactions": tx, "contacts": contacts,
              "payments": _payments(rng, a, orders, days), "interactions": _interactions(rng, a, contacts, days)}
    for frame in frames.values():
        for col in frame.select_dtypes("datetime").columns:
            frame[col] = frame[col].astype("datetime64[ns]")
    return frames
