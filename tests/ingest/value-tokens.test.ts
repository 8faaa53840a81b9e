import { describe, expect, it } from 'vitest';
import { normaliseValue, splitAtValue, startsWithMeasureWord, valueNumber } from '../../ingest/value-tokens.ts';

describe('value tokens', () => {
  it('reads a lone value and a value with its label', () => {
    expect(splitAtValue('18', true)).toEqual({ left: null, value: '18', right: null });
    expect(splitAtValue('2 会议', true)).toEqual({ left: null, value: '2', right: '会议' });
    expect(splitAtValue('否 被推迟，归因于须根据 2013 年战略审查', false)).toEqual({ left: null, value: '否', right: '被推迟，归因于须根据 2013 年战略审查' });
  });

  it('splits a line where the three cells share one printed line', () => {
    expect(splitAtValue('和平与安全问题联合工作队召开 2 次会议 2 会议', true)).toEqual({ left: '和平与安全问题联合工作队召开 2 次会议', value: '2', right: '会议' });
    expect(splitAtValue('对所有外地行动使用标准资源分配和价格 是 发布了经过更新的标准费用比率手册', true)).toEqual({
      left: '对所有外地行动使用标准资源分配和价格', value: '是', right: '发布了经过更新的标准费用比率手册',
    });
    expect(splitAtValue('检查 7 500 份旅行核准书 6 485 检查了旅行批准书', true)).toEqual({ left: '检查 7 500 份旅行核准书', value: '6485', right: '检查了旅行批准书' });
  });

  it('keeps counts inside running text, including a number that begins a planned cell', () => {
    expect(splitAtValue('7 次采购协助访问', true)).toBeNull();
    expect(splitAtValue('12 份关于联合国与非洲联盟的维和合作的', false)).toBeNull();
    expect(splitAtValue('向非洲联盟和平与安全理事会作 12 次关于', false)).toBeNull();
    expect(splitAtValue('向会员国常驻代表团和其他代表团作 10', false)).toBeNull(); // wraps: "10" + "次情况通报"
    expect(splitAtValue('试验地点和“团结”项目第 1 组下的三个部署中心', true)).toBeNull(); // an ordinal
    expect(splitAtValue('向 24 000 多名外地维和人员提供 Inspira', false)).toBeNull();
    expect(splitAtValue('针对平均每周从外地行动收到的 100 多', false)).toBeNull(); // + "次关于…" on the next line
  });

  it('removes thousands-separator spaces and reads numbers and percentages', () => {
    expect(normaliseValue('2 702')).toBe('2702');
    expect(normaliseValue('1 237 567')).toBe('1237567');
    expect(splitAtValue('2 702', true)?.value).toBe('2702');
    expect(valueNumber('78.5%')).toBe(78.5);
    expect(valueNumber('2702')).toBe(2702);
    expect(valueNumber('是')).toBeNull();
  });

  it('tells measure words from words that merely start with one', () => {
    expect(startsWithMeasureWord('次会议')).toBe(true);
    expect(startsWithMeasureWord('多名军事观察员')).toBe(true);
    expect(startsWithMeasureWord('多层面实质性报告')).toBe(false);
    expect(startsWithMeasureWord('起草了手册')).toBe(false);
    expect(startsWithMeasureWord('支持在维和行动')).toBe(false);
    expect(startsWithMeasureWord('会议')).toBe(false);
  });
});
