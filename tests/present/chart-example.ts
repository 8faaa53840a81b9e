// Renders the example charts in docs/ from real-looking data: `npx tsx tests/present/chart-example.ts [folder]`.
// Also the fixture the chart tests and the bench share (12 departments × 6 statuses, as in the report).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderChartPng, type ChartSpec } from '../../present/chart.ts';

export const DEPARTMENTS_ZH = [
  'A. 维持和平行动部', 'B. 外勤支助部', 'C. 管理部', 'D. 内部监督事务厅', 'E. 法律事务厅', 'F. 新闻部',
  'G. 道德操守办公室', 'H. 联合国监察员和调解事务办公室', 'I. 司法行政办公室', 'J. 安全和安保部',
  'K. 行政和预算问题咨询委员会秘书处', 'L. 人权事务高级专员办事处',
];
export const DEPARTMENTS_EN = [
  'A. Department of Peacekeeping Operations', 'B. Department of Field Support', 'C. Department of Management',
  'D. Office of Internal Oversight Services', 'E. Office of Legal Affairs', 'F. Department of Public Information',
  'G. Ethics Office', 'H. Office of the Ombudsman and Mediation Services', 'I. Office of Administration of Justice',
  'J. Department of Safety and Security', 'K. Secretariat of the ACABQ', 'L. Office of the High Commissioner for Human Rights',
];
// Counts shaped like the report's: a few big departments, many small ones, and zeros.
const COUNTS: Record<'completed' | 'delivered' | 'not_completed' | 'above_plan' | 'below_plan' | 'postponed', number[]> = {
  completed: [14, 24, 47, 0, 1, 4, 0, 2, 3, 4, 1, 1],
  delivered: [63, 43, 47, 8, 0, 1, 7, 7, 5, 4, 0, 9],
  not_completed: [11, 6, 4, 1, 0, 1, 1, 0, 0, 1, 0, 5],
  above_plan: [23, 12, 7, 2, 7, 1, 0, 4, 1, 1, 2, 0],
  below_plan: [15, 16, 17, 2, 0, 1, 0, 0, 2, 4, 0, 4],
  postponed: [7, 4, 3, 2, 0, 1, 1, 0, 0, 0, 0, 1],
};
const NAMES = {
  zh: { completed: '已完成', delivered: '已交付', not_completed: '未完成', above_plan: '高于计划', below_plan: '低于计划', postponed: '推迟' },
  en: { completed: 'Completed', delivered: 'Delivered', not_completed: 'Not completed', above_plan: 'Above plan', below_plan: 'Below plan', postponed: 'Postponed' },
} as const;

export function exampleSpec(language: 'zh' | 'en', stacked = true): ChartSpec {
  const zh = language === 'zh';
  return {
    title: zh ? '各部门产出状态（2013/14 年度支助账户执行情况）' : 'Outputs by department and status, support account 2013/14',
    subtitle: zh ? '来源：A/69/653 预算执行情况报告' : 'Source: A/69/653 budget performance report',
    language,
    categoryAxisLabel: zh ? '部门' : 'Department',
    valueAxisLabel: zh ? '产出数量' : 'Number of outputs',
    categories: zh ? DEPARTMENTS_ZH : DEPARTMENTS_EN,
    series: (Object.keys(COUNTS) as (keyof typeof COUNTS)[]).map((flag) => ({ name: NAMES[language][flag], values: COUNTS[flag] })),
    stacked,
  };
}

/**
 * The docs' example charts, drawn from real answers (the engine over the seed, built-in embedder, data in a
 * temporary folder): a ranking (Chinese) and the whole-report summary (English).
 */
async function renderDocExamples(out: string): Promise<void> {
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { openReportEngine } = await import('../../app/open.ts');
  const { LocalNgramEmbedder } = await import('../../embed/local-ngram.ts');
  const { chartSpecFor } = await import('../../present/chart-spec.ts');
  const { namesFor } = await import('../../present/names.ts');
  const engine = await openReportEngine({ dataDir: mkdtempSync(join(tmpdir(), 'chart-example-')), embedder: new LocalNgramEmbedder(), log: () => {} });
  const names = namesFor(engine);
  for (const [file, question] of [
    ['chart-example.png', '哪个部门超出计划的产出最多？'],
    ['chart-example-en.png', 'Summarise the whole report'],
  ] as const) {
    const spec = chartSpecFor(await engine.ask(question), names);
    if (!spec) throw new Error(`no chart for ${question}`);
    const { png, width, height } = await renderChartPng(spec);
    writeFileSync(`${out}/${file}`, png);
    console.log(`${out}/${file} ${width}×${height} (${question})`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await renderDocExamples(process.argv[2] ?? 'docs');
}
