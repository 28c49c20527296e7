#!/usr/bin/env python3
"""Builds src/main/resources/samples/warning-100-projects.json, the 100-project sample dataset of
POST /api/v1/monitoring/warnings that simulations can name ("sample": "warning-100-projects").

Deterministic (fixed seed). Every budget is a multiple of 36 500 yuan (365 x 100), so that a lag chosen in
hundredths of a point gives an executed amount in whole fen: executed = budget x day/365 - budget x lag/100.
Several projects sit on, and either side of, 10, 15 and 20 points of lag (the edges of the execution bands).
Run: python3 src/samples/warning-100-projects.py
"""
import datetime
import json
import random
from decimal import Decimal
from pathlib import Path

random.seed(20250101)

DEPARTMENTS = [
    ("JT", "县交通运输局", "2025-06-30", ["农村公路养护工程", "乡村客运站改造", "县道安全生命防护工程", "桥梁危桥改造", "城乡公交运营补贴"],
     [("养护里程（公里）", "AT_LEAST", 120), ("工程验收合格率（%）", "AT_LEAST", 100), ("群众满意度（%）", "AT_LEAST", 90)]),
    ("JY", "县教育体育局", "2025-07-31", ["义务教育薄弱环节改善", "学前教育公用经费", "中小学校舍维修", "营养改善计划", "教师培训"],
     [("受益学生人数（人）", "AT_LEAST", 8000), ("校舍维修面积（平方米）", "AT_LEAST", 12000), ("学生满意度（%）", "AT_LEAST", 90)]),
    ("WJ", "县卫生健康局", "2025-09-30", ["基本公共卫生服务", "乡镇卫生院设备购置", "家庭医生签约服务", "疾病预防控制", "妇幼健康服务"],
     [("签约覆盖率（%）", "AT_LEAST", 75), ("设备购置台数（台）", "AT_LEAST", 60), ("投诉件数（件）", "AT_MOST", 10)]),
    ("NY", "县农业农村局", "2025-10-31", ["高标准农田建设", "农村人居环境整治", "衔接推进乡村振兴补助", "动物防疫补助", "农机购置补贴"],
     [("建成高标准农田（亩）", "AT_LEAST", 20000), ("户厕改造（户）", "AT_LEAST", 1500), ("项目区农户满意度（%）", "AT_LEAST", 85)]),
    ("SW", "县水务局", "2025-11-30", ["农村饮水安全巩固提升", "中小河流治理", "水土保持综合治理", "灌区节水改造", "山洪灾害防治"],
     [("受益人口（人）", "AT_LEAST", 30000), ("治理河长（公里）", "AT_LEAST", 18), ("管网漏损率（%）", "AT_MOST", 12)]),
]

# lags (points) placed on the band edges and just either side; the rest are drawn at random
EDGES = [Decimal(x) for x in ("9.99", "10", "10.01", "14.99", "15", "15.01", "19.99", "20", "20.01")]


def plain(value):
    """A decimal without exponent or trailing zeros: 105.6, 120 (normalize() alone writes 1.2E+2)."""
    text = format(value.quantize(Decimal("0.01")), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def lag_for(i, time_progress_points):
    if i < len(EDGES) * 2:
        return EDGES[i % len(EDGES)]
    high = min(Decimal(40), time_progress_points - Decimal(12))
    return Decimal(random.randint(-800, int(high * 100))) / 100


requests = []
n = 0
for d, (code, department, as_of, names, targets) in enumerate(DEPARTMENTS):
    day = datetime.date.fromisoformat(as_of).timetuple().tm_yday
    time_progress_points = Decimal(day) * 100 / 365
    projects = []
    for k in range(20):
        m = random.choice([5, 8, 10, 12, 20, 30, 40, 60, 80, 100, 150, 200, 300])
        budget = Decimal(36500) * m
        lag = lag_for(n, time_progress_points)
        n += 1
        executed = budget * day / 365 - budget * lag / 100
        assert executed == executed.quantize(Decimal("0.01")) and Decimal(0) <= executed <= budget
        assert executed / budget >= Decimal("0.1")
        project = {
            "projectId": "2025-%s-%03d" % (code, k + 1),
            "projectName": "2025年%s（%d）" % (names[k % len(names)], k // len(names) + 1),
            "department": department,
        }
        project["budget"] = str(budget.quantize(Decimal("0.01")))
        project["executed"] = str(executed.quantize(Decimal("0.01")))
        if random.random() < 0.6:
            remaining = budget - executed
            project["forecastYearEndExecuted"] = str((executed + remaining * Decimal(random.randint(60, 100)) / 100)
                                                     .quantize(Decimal("0.01")))
        project["directFunds"] = random.random() < 0.25
        project["implementationConditionsMet"] = random.random() > 0.08
        chosen = random.sample(targets, random.choice([1, 1, 2]))
        project["targets"] = []
        for name, direction, expected in chosen:
            shortfall = random.choice([0, 0, 0, 2, 5, 8, 12, 15, 25])  # percent of the target missed
            if direction == "AT_LEAST":
                actual = Decimal(expected) * (100 - shortfall) / 100
            else:
                actual = Decimal(expected) * (100 + shortfall) / 100
            project["targets"].append({"name": name, "direction": direction, "expected": expected,
                                       "actual": plain(actual)})
        projects.append(project)
    requests.append({"asOf": as_of, "projects": projects})


def numbers(obj):
    """Money and measures as JSON numbers written exactly (no binary floating point on the way)."""
    return json.dumps(obj, ensure_ascii=False, indent=1)


text = json.dumps({
    "name": "warning-100-projects",
    "rulesetId": "warning.execution-monitoring",
    "endpoint": "/api/v1/monitoring/warnings",
    "description": "100个2025年监控项目（交通、教育、卫生健康、农业农村、水务5个部门，每部门20个，监控日期6月30日至11月30日），"
                   "每个项目1至2个绩效指标；执行进度落后时间进度的百分点有多个项目恰在10、15、20点及其两侧。"
                   "数据为构造的样例，不是真实项目。",
    "requests": requests,
}, ensure_ascii=False, indent=1)
# the amounts were written as strings to keep them exact; make them JSON numbers
import re
text = re.sub(r'"(budget|executed|forecastYearEndExecuted|actual)": "(-?[0-9.]+)"', r'"\1": \2', text)
out = Path(__file__).resolve().parents[1] / "main" / "resources" / "samples" / "warning-100-projects.json"
out.write_text(text + "\n", encoding="utf-8")
print(out, n, "projects")
