import { describe, expect, it } from 'vitest';
import { parseReport, ReportFormatError } from '../../ingest/parse-report.ts';
import { OutputRecordSchema } from '../../store/schema.ts';
import { reportText } from './helpers.ts';

describe('parseReport', () => {
  it('builds validated records with department, office, accomplishment, ids and source lines', () => {
    const text = reportText(['秘书长和常务副秘书长分别参加 1 次非洲', '联盟首脑会议$', '2 首脑会议$', '出版 2 份新闻刊物$', '否 被推迟到 2015 年$']);
    const { records, glossary } = parseReport(text);
    expect(records).toHaveLength(2);
    for (const r of records) expect(OutputRecordSchema.parse(r)).toEqual(r);
    const [first, second] = records;
    expect(first).toMatchObject({
      id: 'A-a-1.1-01',
      department: { code: 'A', name: '维持和平行动部' },
      office: { code: 'a', name: '联合国驻非洲联盟办事处' },
      accomplishment: { code: '1.1', text: '向安全理事会提交报告的工作得到改进，使其能够作出决定' },
      planned: '秘书长和常务副秘书长分别参加 1 次非洲联盟首脑会议',
      actual: [{ value: '2', number: 2, label: '首脑会议' }],
      remarks: '',
      // A number with no word on the plan: delivered, no more (docs/status.md).
      status: ['delivered'],
    });
    const lines = text.split('\n');
    expect(lines[first!.line - 1]).toContain('秘书长和常务副秘书长');
    expect(lines[first!.lineEnd - 1]).toContain('2 首脑会议');
    expect(second).toMatchObject({ id: 'A-a-1.1-02', status: ['not_completed', 'postponed'] });
    expect(glossary).toEqual([
      { abbreviation: '联非办', fullName: '联合国驻非洲联盟办事处' },
      { abbreviation: '监督厅', fullName: '内部监督事务厅' },
    ]);
  });

  it('ignores URL lines, footnotes and repeated table headers, and keeps a row across the page break', () => {
    const text = reportText([
      '5 份关于非洲和平与安全构架的各支柱所',
      '取得成果的年度报告$',
      ' * 计划绩效指标和实际绩效指标见 A/69/653。 ',
      'http://undocs.org/ch/A/69/653',
      '5 报告$',
    ]);
    const { records } = parseReport(text);
    expect(records.map((r) => [r.planned, r.actual.map((a) => a.value), r.remarks])).toEqual([['5 份关于非洲和平与安全构架的各支柱所取得成果的年度报告', ['5'], '']]);
  });

  it('does not take a list "(a) 制定并实施了…" inside a 说明 cell for an office', () => {
    const text = reportText([
      '开发和部署数据收集接口$',
      '是 报告所述期间实施了下列解决办法：$',
      '(a) 制定并实施了基于网络的“团结”',
      '项目统计数据控制面板$',
      '(b) 部署了外勤支助成套方案离线表',
      '格$',
    ], { department: 'B. 外勤支助部', office: '(e) 信息和通信技术司' });
    const { records } = parseReport(text);
    expect(records).toHaveLength(1);
    expect(records[0]!.office).toEqual({ code: 'e', name: '信息和通信技术司' });
    expect(records[0]!.remarks).toContain('(b) 部署了外勤支助成套方案离线表格');
  });

  it('handles departments without offices', () => {
    const { records } = parseReport(reportText(['为会议提供实质性服务$', '166 会议$'], { department: 'K. 行政和预算问题咨询委员会秘书处', office: null }));
    expect(records[0]).toMatchObject({ id: 'K-1.1-01', office: null, department: { code: 'K' } });
  });

  it('rejects text that is not a report of this format', () => {
    expect(() => parseReport('{"name": "package"}', 'package.json')).toThrow(ReportFormatError);
    expect(() => parseReport('{"name": "package"}', 'package.json')).toThrow(/package\.json: not a budget-performance report/);
  });
});
