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
