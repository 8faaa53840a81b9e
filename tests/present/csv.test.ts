import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { OutputRecordSchema, type OutputRecord } from '../../store/schema.ts';
import { DEFAULT_MAX_BYTES, DISCORD_ATTACHMENT_LIMIT, rowsToCsv, splitCsv } from '../../present/csv.ts';

let serial = 0;
/** A record that passes OutputRecordSchema, with fields overridable. */
function record(over: Partial<OutputRecord> = {}): OutputRecord {
  serial++;
  return OutputRecordSchema.parse({
    id: `A-a-1.1-${String(serial).padStart(2, '0')}`,
    line: 81,
    lineEnd: 85,
    department: { code: 'A', name: '维持和平行动部' },
    office: { code: 'a', name: '联合国驻非洲联盟办事处' },
    accomplishment: { code: '1.1', text: '向安全理事会提交报告的工作得到改进' },
    planned: '秘书长和常务副秘书长分别参加 1 次非洲联盟首脑会议',
    actual: [{ value: '2', number: 2, label: '首脑会议' }],
    remarks: '',
    status: [],
    ...over,
  });
}

/** Parse strictly: records must end in CRLF (a bare LF outside quotes would not split a record). */
function parseCsv(buf: Buffer): string[][] {
  return parse(buf, { bom: true, record_delimiter: '\r\n', relax_column_count: false }) as string[][];
}
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

describe('rowsToCsv', () => {
  const tricky = [
    record({
      planned: '举办 3 次讲习班, 内容包括 "维和" 与“保护平民”',
      actual: [{ value: '3', number: 3, label: '讲习班' }, { value: '是', number: null, label: null }],
      remarks: '第一行说明\n第二行说明，含 "引号" 和, 逗号',
      status: ['completed', 'above_plan'],
    }),
    record({ office: null, line: 90, lineEnd: 90, actual: [], remarks: '由于资金不足而推迟', status: ['postponed'] }),
    record({
      actual: [{ value: '2702', number: 2702, label: '培训' }, { value: '95%', number: 95, label: '满意度' }, { value: '-5', number: -5, label: '减少' }],
      status: ['below_plan'],
    }),
  ];

  it('starts with a BOM, ends records with CRLF and has one line per record plus the header', () => {
    const csv = rowsToCsv(tricky, 'zh');
    expect(csv.subarray(0, 3).equals(BOM)).toBe(true);
    expect(csv.subarray(-2).toString()).toBe('\r\n');
    const rows = parseCsv(csv);
    expect(rows).toHaveLength(tricky.length + 1);
    expect(rows[0]).toEqual([
      '编号', '部门代码', '部门', '办公室代码', '办公室', '预期成绩编号', '预期成绩', '计划产出',
      '实际值1', '实际值1名称', '实际值2', '实际值2名称', '实际值3', '实际值3名称', '实际值4', '实际值4名称', '实际值5', '实际值5名称', '实际值6', '实际值6名称',
      '已完成', '已交付', '未完成', '高于计划', '低于计划', '推迟', '说明', '来源', '文本行',
    ]);
  });

  it('round-trips Chinese text, quotes and commas, and keeps each row on one line', () => {
    const [head, first, second, third] = parseCsv(rowsToCsv(tricky, 'zh'));
    const col = (row: string[] | undefined, name: string) => row![head!.indexOf(name)];
    const r = tricky[0]!;
    expect(col(first, '编号')).toBe(r.id);
    expect([col(first, '部门代码'), col(first, '部门')]).toEqual(['A', '维持和平行动部']);
    expect([col(first, '办公室代码'), col(first, '办公室')]).toEqual(['a', '联合国驻非洲联盟办事处']);
    expect([col(first, '预期成绩编号'), col(first, '预期成绩')]).toEqual(['1.1', '向安全理事会提交报告的工作得到改进']);
    expect(col(first, '计划产出')).toBe(r.planned);
    expect(col(first, '说明')).toBe(r.remarks.replace(/\n/g, ' / '));
    expect(rowsToCsv(tricky, 'zh').toString('utf8').trimEnd().split('\r\n')).toHaveLength(tricky.length + 1);
    expect([col(first, '实际值1'), col(first, '实际值1名称'), col(first, '实际值2'), col(first, '实际值2名称'), col(first, '实际值3')]).toEqual(['3', '讲习班', '是', '', '']);
    // One 0/1 column per status, so a filter or a pivot counts a status directly.
    expect(['已完成', '已交付', '未完成', '高于计划', '低于计划', '推迟'].map((h) => col(first, h))).toEqual(['1', '0', '0', '1', '0', '0']);
    expect(col(first, '来源')).toBe('2013/14 年度支助账户执行情况产出表（A/69/653 补充资料） › A. 维持和平行动部 › (a) 联合国驻非洲联盟办事处 › 预期成绩 1.1 › 第 1 项产出'.replace('第 1 项', `第 ${Number(r.id.slice(-2))} 项`));
    expect(col(first, '文本行')).toBe('第 81–85 行');
    expect([col(second, '办公室代码'), col(second, '办公室'), col(second, '实际值1')]).toEqual(['', '', '']);
    expect(col(second, '文本行')).toBe('第 90 行');
    // Numbers stay numbers (a negative one is not taken for a formula); "95%" stays as printed.
    expect([col(third, '实际值1'), col(third, '实际值2'), col(third, '实际值3')]).toEqual(['2702', '95%', '-5']);
  });

  it('writes the header and the status words in English', () => {
    const [head, first] = parseCsv(rowsToCsv(tricky, 'en'));
    expect(head).toEqual([
      'id', 'department code', 'department', 'office code', 'office', 'accomplishment code', 'expected accomplishment', 'planned output',
      ...[1, 2, 3, 4, 5, 6].flatMap((i) => [`value_${i}`, `label_${i}`]),
      'completed', 'delivered', 'not completed', 'above plan', 'below plan', 'postponed', 'remarks', 'source', 'lines',
    ]);
    expect(first![head!.indexOf('above plan')]).toBe('1');
    expect(first![head!.indexOf('lines')]).toBe('lines 81–85');
  });

  it('escapes cells a spreadsheet would run as a formula', () => {
    const evil = record({
      planned: '=HYPERLINK("http://127.0.0.1/x","click")',
      actual: [{ value: '-3+4', number: null, label: '@SUM(A1:A9)' }, { value: '+1', number: null, label: '\tcmd' }],
      remarks: '＝1+1',
      accomplishment: { code: '2.1', text: '' },
    });
    const evilOffice = record({ office: { code: 'b', name: '-2+3' } }); // only the code prefix is ours: "(b) -2+3" is safe
    const [head, row] = parseCsv(rowsToCsv([evil, evilOffice], 'en'));
    const col = (name: string) => row![head!.indexOf(name)]!;
    expect(col('planned output')).toBe(`'${evil.planned}`);
    expect(col('value_1')).toBe("'-3+4");
    expect(col('label_1')).toBe("'@SUM(A1:A9)");
    expect(col('value_2')).toBe("'+1");
    expect(col('label_2')).toBe("'\tcmd");
    expect(col('remarks')).toBe("'＝1+1");
    expect(col('accomplishment code')).toBe('2.1');
    // No cell of the file starts with a formula character.
    for (const cells of parseCsv(rowsToCsv([evil, evilOffice], 'zh'))) for (const c of cells) expect(c).not.toMatch(/^[=+\-@\t\r＝＋－＠]/);
  });

  it('gives an empty input a header-only file', () => {
    const rows = parseCsv(rowsToCsv([], 'zh'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toEqual(parseCsv(rowsToCsv(tricky, 'zh'))[0]);
  });
});

describe('splitCsv', () => {
  const many = Array.from({ length: 300 }, (_, i) =>
    record({
      planned: `第 ${i} 项计划产出，含逗号, "引号"\n和换行`,
      remarks: '说明'.repeat(i % 50),
      actual: Array.from({ length: i % 4 }, (_, k) => ({ value: String(k + i), number: k + i, label: `标签${k}` })),
      status: i % 3 ? ['below_plan'] : [],
    }),
  );

  it('keeps one file when it fits, and splits under the limit without splitting a record', () => {
    const whole = rowsToCsv(many, 'zh');
    expect(splitCsv(many, 'zh')).toEqual([whole]);
    const limit = 8 * 1024;
    const parts = splitCsv(many, 'zh', limit);
    expect(parts.length).toBeGreaterThan(3);
    const all = parseCsv(whole);
    const seen: string[][] = [];
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(limit);
      expect(part.subarray(0, 3).equals(BOM)).toBe(true);
      const rows = parseCsv(part);
      expect(rows[0]).toEqual(all[0]); // same header, same columns in every part
      expect(rows.length).toBeGreaterThan(1);
      seen.push(...rows.slice(1));
    }
    expect(seen).toEqual(all.slice(1)); // together: every record, in order
  });

  it('refuses a record that cannot fit with the header', () => {
    const huge = record({ remarks: '长'.repeat(4000) });
    expect(() => splitCsv([record(), huge], 'zh', 4096)).toThrow(RangeError);
  });

  it('defaults to a size under Discord’s attachment limit', () => {
    expect(DEFAULT_MAX_BYTES).toBeLessThan(DISCORD_ATTACHMENT_LIMIT);
    expect(DISCORD_ATTACHMENT_LIMIT).toBe(25 * 1024 * 1024);
  });
});
