import { describe, expect, it } from 'vitest';
import { assembleRows } from '../../ingest/row-assembler.ts';
import { assignLabels } from '../../ingest/parse-report.ts';
import { bodyLines } from './helpers.ts';

const simplify = (lines: string[]) =>
  assembleRows(bodyLines(lines)).rows.map((r) => {
    const { labels, remarks } = assignLabels(r);
    return { planned: r.planned, values: r.values, labels, remarks };
  });

describe('row assembly', () => {
  it('joins wrapped planned lines and reads value, label and explanation blocks', () => {
    expect(
      simplify([
        '联合国安全理事会与非洲联盟和平与安全',
        '理事会举行 1 次会议$',
        '2 会议$',
        '产出高于计划，是因为两个理事会决定',
        '报告期间举行$',
        '和平与安全问题联合工作队召开 2 次会议 2 会议$',
      ]),
    ).toEqual([
      { planned: '联合国安全理事会与非洲联盟和平与安全理事会举行 1 次会议', values: ['2'], labels: ['会议'], remarks: ['产出高于计划，是因为两个理事会决定报告期间举行'] },
      { planned: '和平与安全问题联合工作队召开 2 次会议', values: ['2'], labels: ['会议'], remarks: [] },
    ]);
  });

  it('gives each of several values its own label, in printed order', () => {
    const rows = simplify([
      '12 份关于联合国与非洲联盟的维和合作的',
      '每月报告；52 份每周报告$',
      '12$', '52$', '15$',
      '每月报告$', '每周报告$', '分析电报$',
      '出版 2 份新闻刊物$',
      '否 被推迟，归因于内部改组$',
    ]);
    expect(rows[0]).toEqual({ planned: '12 份关于联合国与非洲联盟的维和合作的每月报告；52 份每周报告', values: ['12', '52', '15'], labels: ['每月报告', '每周报告', '分析电报'], remarks: [] });
    expect(rows[1]).toEqual({ planned: '出版 2 份新闻刊物', values: ['否'], labels: [null], remarks: ['被推迟，归因于内部改组'] });
  });

  it('follows a planned cell whose wrapped lines alternate with the 说明 cell across a page break', () => {
    const rows = simplify([
      '就拟议预算和执行情况报告的编制、财',
      '务账户的维护和编制以及可利用资源的',
      '是 为 15 个维和行动的战略资源配置和拟',
      '议预算提供了协调一致的具体和贯穿各',
      ' 外地流程和管理问题向所有外地行动提',
      '供贯穿各领域的协助和监管咨询$',
      '领域的分析，从而拟订了特派团特有的',
      '战略指导和供资提案$',
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.planned).toBe('就拟议预算和执行情况报告的编制、财务账户的维护和编制以及可利用资源的外地流程和管理问题向所有外地行动提供贯穿各领域的协助和监管咨询');
    expect(rows[0]!.remarks).toEqual(['为 15 个维和行动的战略资源配置和拟议预算提供了协调一致的具体和贯穿各领域的分析，从而拟订了特派团特有的战略指导和供资提案']);
  });

  it('continues a planned cell on the next page after a line it shared with the value', () => {
    const rows = simplify([
      '就维和行动的新动向以及与维和有关的共 34 情况通报$',
      ' 有战略性问题和政策问题向安全理事会、',
      '大会和立法机构作 35 次情况通报$',
      '向维持和平行动特别委员会作 2 次情况通$',
      '1 情况通报$',
    ]);
    expect(rows.map((r) => r.planned)).toEqual(['就维和行动的新动向以及与维和有关的共有战略性问题和政策问题向安全理事会、大会和立法机构作 35 次情况通报', '向维持和平行动特别委员会作 2 次情况通']);
    expect(rows[0]!.values).toEqual(['34']);
  });

  it('keeps a count split over two lines inside the planned cell', () => {
    const rows = simplify(['为 120 名维和人员举办课程，包括 2$', '个高级特派团领导人课程$', '1$', '高级领导人课程$']);
    expect(rows).toEqual([{ planned: '为 120 名维和人员举办课程，包括 2个高级特派团领导人课程', values: ['1'], labels: ['高级领导人课程'], remarks: [] }]);
  });

  it('tells a second value of the same row (after an explanation) from a new row', () => {
    const rows = simplify([
      '完成谅解备忘录的谈判，并修订多达 30 份现有备忘录$',
      '20 谈判和完成的谅解备忘录$',
      '产出高于计划，原因是部署了更多的特遣队$',
      ' 129 修订$',
      '向会员国作 10 次情况通报$',
      '29 情况通报$',
    ]);
    expect(rows.map((r) => r.values)).toEqual([['20', '129'], ['29']]);
    expect(rows[0]!.labels).toEqual(['谈判和完成的谅解备忘录', '修订']);
  });

  it('reports values that come before any planned cell as an orphan fragment', () => {
    const { rows, anomalies } = assembleRows(bodyLines(['5 报告$', '编写 3 份报告$', '3 报告$']));
    expect(anomalies).toEqual([{ line: 1, kind: 'orphan_fragment', text: '5 报告' }]);
    expect(rows.at(-1)!.planned).toBe('编写 3 份报告');
  });
});
