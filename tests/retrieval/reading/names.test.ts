import { describe, expect, it } from 'vitest';
import { orgName } from '../../../retrieval/reading/read.ts';
import { mentionsOf } from './helpers.ts';

describe('name recogniser', () => {
  it('capitalised names past the first word and acronyms anywhere', () => {
    expect(mentionsOf('How many outputs did UN Women postpone?', 'name').map((m) => m.text)).toEqual(['UN Women']);
    expect(mentionsOf('UNICEF outputs below plan', 'name')).toEqual([expect.objectContaining({ text: 'UNICEF', nameKind: 'organisation' })]);
    expect(mentionsOf('Which outputs did the Department of Political Affairs postpone?', 'name')).toEqual([expect.objectContaining({ nameKind: 'unit' })]);
  });
  it('a capitalised first word of a sentence is not a name', () => {
    expect(mentionsOf('Which outputs were postponed?', 'name')).toEqual([]);
  });
  it('Chinese unit-shaped names end at the word (部分, 部队 are other words)', () => {
    expect(orgName('政治事务部有')).toBe('政治事务部');
    expect(orgName('维和行动军事部分负责人会议')).toBeNull();
    expect(orgName('非洲待命部队的手册')).toBeNull();
    expect(orgName('总部')).toBeNull();
  });
});
