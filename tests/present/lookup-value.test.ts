import { describe, expect, it } from 'vitest';
import { plannedNumberFor, valuesAgainstPlan } from '../../present/lookup-value.ts';

const MEDIA = {
  planned: '主管维持和平行动副秘书长和(或)主管外勤支助事务副秘书长每个季度召开有关重大维和问题的新闻简报会，进行 100 次媒体访谈，内容涉及特派团特有的问题',
  actual: [
    { value: '7', number: 7, label: '新闻简报会' },
    { value: '101', number: 101, label: '媒体访谈' },
  ],
};

describe('a lookup value against its plan', () => {
  it('takes the value the question names, and the planned number before the same words', () => {
    expect(valuesAgainstPlan(MEDIA, '副秘书长接受了多少次媒体访谈？')).toEqual([{ value: MEDIA.actual[1], planned: '100', unit: '次' }]);
  });

  it('gives no plan number to a value whose words the planned text does not number', () => {
    // "每个季度召开…新闻简报会": no number; the 100 belongs to the interviews.
    expect(valuesAgainstPlan(MEDIA, '新闻简报会开了几次？')).toEqual([{ value: MEDIA.actual[0], planned: null, unit: '' }]);
  });

  it('does not take a number the label itself repeats for the plan', () => {
    const planned = '在安全认证方案中认证 72 名维和特派团安保人员；每年为 14 个维和特派团的 20 名高级安保人员举办讲习班';
    expect(plannedNumberFor(planned, '培训了维和特派团安保人员', false)?.number).toBe('72');
    expect(plannedNumberFor(planned, '为 20 名高级安保人员举办年度讲习班', false)).toBeNull();
  });

  it("a one-value row takes the planned text's only number", () => {
    expect(valuesAgainstPlan({ planned: '维和特派团 70 个立法方面问题', actual: [{ value: '75', number: 75, label: '备忘录' }] }, 'how many?')[0]?.planned).toBe('70');
  });
});
