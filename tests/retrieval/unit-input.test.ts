// Department and office names typed into /dept, /count, /postponed and their autocomplete go through the same
// normalisation as questions (issue 15): full-width letters, traditional characters and letter case find the
// unit their plain forms find.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openReportEngine } from '../../app/open.ts';
import { LocalNgramEmbedder } from '../../embed/local-ngram.ts';
import type { ChatEngine } from '../../retrieval/index.ts';

let chat: ChatEngine;

beforeAll(async () => {
  chat = await openReportEngine({ dataDir: mkdtempSync(join(tmpdir(), 'unit-input-')), embedder: new LocalNgramEmbedder(), log: () => {} });
});

const plainForms: [typed: string, plain: string][] = [
  ['ＯＩＯＳ', 'OIOS'],
  ['監督廳', '监督厅'],
  ['ｄｆｓ', 'DFS'],
];

describe('typed unit names are normalised like questions', () => {
  it.each(plainForms)('resolveUnit(%s) finds what resolveUnit(%s) finds', (typed, plain) => {
    const expected = chat.resolveUnit(plain);
    expect(expected).not.toBeNull();
    expect(chat.resolveUnit(typed)).toEqual(expected);
  });

  it.each(plainForms)('autocomplete for %s suggests what %s suggests', (typed, plain) => {
    const expected = chat.suggestUnits(plain, 25).map((u) => `${u.department.code}-${u.office?.code ?? ''}`);
    expect(expected.length).toBeGreaterThan(0);
    expect(chat.suggestUnits(typed, 25).map((u) => `${u.department.code}-${u.office?.code ?? ''}`)).toEqual(expected);
  });

  it.each(plainForms)('/dept %s names the unit /dept %s names', (typed, plain) => {
    const expected = chat.resolveUnit(plain);
    expect(expected).not.toBeNull();
    expect(chat.resolveUnit(typed)).toEqual(expected);
  });
});

describe('English unit names said in part', () => {
  it('most of a name with its head word names the unit; without the head word it stays a topic', async () => {
    const { openReportEngine } = await import('../../app/open.ts');
    const { LocalNgramEmbedder } = await import('../../embed/local-ngram.ts');
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const engine = await openReportEngine({ dataDir: mkdtempSync(join(tmpdir(), 'partial-')), embedder: new LocalNgramEmbedder(), log: () => {} });
    const units = (q: string) => engine.read(q).understanding.units.map((u) => `${u.department}${u.office ?? ''}`);
    expect(units('which outputs of the African Union office were postponed?')).toEqual(['Aa']);
    expect(units('how many outputs of the human resources office were below plan?')).toEqual(['Cc']);
    expect(units('compare OIOS and the Ethic Office on outputs not completed')).toEqual(expect.arrayContaining(['G']));
    expect(units('which outputs mention the African Union?')).toEqual([]);
  });
});
