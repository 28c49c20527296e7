-- target review: the body of targets-review.json with a random quantity target (its indicator names and values; the names are model inputs)
dofile("src/bench/resources/http/random-inputs.lua") -- POST JSON, seeded per thread; money(), score(), day(), DAY, Y2000
request = function()
  local n = math.random(1, 999999)
  return wrk.format(nil, nil, nil, '{"reviewDate": "2025-09-16", "jurisdiction": "640500", "projects": [{"projectId": "ZW-2026-017", '
    .. '"unit": "市农业农村局", "projectClass": "SPECIFIC_PURPOSE", "targets": [{"dimension": "QUANTITY", "indicator": '
    .. '"高标准农田建设面积（第' .. n .. '号片区）", "kind": "QUANTITATIVE", "direction": "AT_LEAST", "value": ' .. math.random(1, 99999)
    .. ', "unit": "亩"}, {"dimension": "EFFECT", "indicator": "农户满意度", "kind": "QUANTITATIVE", "direction": "AT_LEAST", '
    .. '"value": ' .. math.random(50, 100) .. ', "unit": "%"}], "stages": {"unitSelfCheck": "PASSED", "departmentReview": "PASSED", '
    .. '"financeReview": null}}, {"projectId": "ZW-2026-018", "unit": "市教育局", "projectClass": "OPERATING", "targets": '
    .. '[{"dimension": "QUANTITY", "indicator": "资助学生人数（第' .. n .. '批）", "kind": "QUANTITATIVE", "value": ' .. math.random(1, 9999)
    .. ', "unit": "人"}, {"dimension": "QUALITY", "indicator": "资助对象认定准确", "kind": "QUALITATIVE"}, {"dimension": "TIMELINESS", '
    .. '"indicator": "资金发放及时率", "kind": "QUANTITATIVE", "value": 100, "unit": "%"}, {"dimension": "EFFECT", '
    .. '"indicator": "家庭经济困难学生满意度", "kind": "QUANTITATIVE", "value": 90, "unit": "%"}], "stages": {"unitSelfCheck": null, '
    .. '"departmentReview": "PASSED", "financeReview": null}}, {"projectId": "ZW-2026-019", "unit": "市卫生健康委", "projectClass": '
    .. '"PERSONNEL", "targets": [{"dimension": "QUANTITY", "indicator": "在编人数（第' .. n .. '期）", "kind": "QUANTITATIVE", "value": '
    .. math.random(1, 999) .. ', "unit": "人"}, {"dimension": "QUALITY", "indicator": "工资发放准确率", "kind": "QUANTITATIVE", '
    .. '"value": 100, "unit": "%"}, {"dimension": "TIMELINESS", "indicator": "按月足额发放", "kind": "QUANTITATIVE", "value": 12, '
    .. '"unit": "次"}, {"dimension": "EFFECT", "indicator": "保障机构正常运转", "kind": "QUANTITATIVE", "value": 100}], "stages": '
    .. '{"unitSelfCheck": "PASSED", "departmentReview": "PASSED", "financeReview": "PASSED"}}]}')
end
