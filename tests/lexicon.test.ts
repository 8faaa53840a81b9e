import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  GlossaryEntrySchema,
  LexiconError,
  OrgUnitEntrySchema,
  buildLexicon,
  findOrgUnits,
  loadLexicon,
  stemWord,
  translateTerms,
} from '../retrieval/lexicon/index.ts';

const SEED = readFileSync(new URL('../seeds/a-69-653-budget-performance-2013-14.zh.txt', import.meta.url), 'utf8');
const ORG_JSON = JSON.parse(readFileSync(new URL('../retrieval/lexicon/org-units.json', import.meta.url), 'utf8'));
const GLOSSARY_JSON = JSON.parse(readFileSync(new URL('../retrieval/lexicon/domain-glossary.json', import.meta.url), 'utf8'));
const lx = loadLexicon();

const code = (u: { department: string; office: string | null }): string => (u.office ? `${u.department}-${u.office}` : u.department);
const units = (q: string): string[] => findOrgUnits(q, lx).map(code);

/** Department and office headings as the report prints them, in report order. */
function seedHeadings(): Array<{ department: string; office: string | null; name: string }> {
  const out: Array<{ department: string; office: string | null; name: string }> = [];
  let dept: string | null = null;
  for (const line of SEED.split('\n')) {
    const d = /^\s+([A-L])\.\s+(\S+)\s*$/.exec(line);
    if (d) {
      dept = d[1]!;
      out.push({ department: dept, office: null, name: d[2]! });
      continue;
    }
    // Office headings are indented; the lettered list in a remarks cell (~line 2998) starts at column 0.
    const o = /^\s+\(([a-f])\)\s+(\S+)\s*$/.exec(line);
    if (o && dept) out.push({ department: dept, office: o[1]!, name: o[2]! });
  }
  return out;
}

describe('lexicon files', () => {
  it('validate against their schemas', () => {
    for (const u of ORG_JSON.units) expect(OrgUnitEntrySchema.safeParse(u).success).toBe(true);
    for (const e of GLOSSARY_JSON.entries) expect(GlossaryEntrySchema.safeParse(e).success).toBe(true);
    expect(lx.units).toHaveLength(28);
    expect(lx.glossary.length).toBeGreaterThan(300);
  });

  it('is cached', () => {
    expect(loadLexicon()).toBe(lx);
  });

  it('names the file and the entry when an org unit is invalid', () => {
    const bad = structuredClone(ORG_JSON);
    bad.units[3].office = 'z';
    expect(() => buildLexicon(bad, GLOSSARY_JSON)).toThrow(LexiconError);
    expect(() => buildLexicon(bad, GLOSSARY_JSON)).toThrow(/org-units\.json: units\[3\] \(行动厅\).*office/s);
  });

  it('names the file and the entry when a glossary entry is invalid', () => {
    const bad = structuredClone(GLOSSARY_JSON);
    bad.entries[5].zh = [];
    expect(() => buildLexicon(ORG_JSON, bad)).toThrow(new RegExp(`domain-glossary\\.json: entries\\[5\\] \\(${bad.entries[5].en}\\)`));
  });

  it('rejects an alias that names two units', () => {
    const bad = structuredClone(ORG_JSON);
    bad.units.find((u: { department: string; office: string | null }) => u.department === 'B' && u.office === null).aliases.push('维和部');
    expect(() => buildLexicon(bad, GLOSSARY_JSON)).toThrow(/"维和部" also names unit A/);
  });

  it('rejects an English form that two glossary entries claim, inflections included', () => {
    const bad = structuredClone(GLOSSARY_JSON);
    bad.entries.push({ en: 'debriefings', variants: [], zh: ['简报'], category: 'output' });
    expect(() => buildLexicon(ORG_JSON, bad)).toThrow(/"debriefings" reads the same as a form of entries\[\d+\] \(briefing\)/);
  });
});

describe('domain glossary', () => {
  it('uses only Chinese terms that occur verbatim in the seed', () => {
    const missing = lx.glossary.flatMap((e) => e.zh.filter((z) => !SEED.includes(z)).map((z) => `${e.en} → ${z}`));
    expect(missing).toEqual([]);
  });

  it('carries every English form back to its own entry', () => {
    const wrong: string[] = [];
    for (const e of lx.glossary) {
      for (const form of [e.en, ...e.variants]) {
        const r = translateTerms(form, lx);
        if (r.matched.length !== 1 || r.matched[0]!.en !== e.en) wrong.push(`${form} → ${r.matched.map((m) => m.en).join(', ')}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('covers the status vocabulary', () => {
    const zh = (q: string): string[] => translateTerms(q, lx).zhTerms;
    expect(zh('Which outputs were postponed?')).toContain('推迟');
    expect(zh('outputs deferred to 2014/15')).toContain('推迟');
    expect(zh('anything delayed?')).toContain('推迟');
    expect(zh('which outputs were not completed')).toEqual(expect.arrayContaining(['未实现', '否']));
    expect(zh("outputs that weren't delivered")).toContain('未实现');
    expect(zh('targets not yet achieved')).toContain('未实现');
    expect(zh('outputs above plan')).toContain('高于计划');
    expect(zh('where did they deliver more than planned')).toContain('高于计划');
    expect(zh('it exceeded the target')).toContain('高于计划');
    expect(zh('which ones fell short')).toContain('低于计划');
    expect(zh('fewer than planned visits')).toEqual(expect.arrayContaining(['低于计划', '访问']));
    expect(zh('shortfalls in training')).toEqual(expect.arrayContaining(['低于计划', '培训']));
  });
});

describe('translateTerms', () => {
  it('prefers the longest multi-word term', () => {
    const r = translateTerms('How many training of trainers courses were held?', lx);
    expect(r.matched.map((m) => m.en)).toEqual(['training of trainers', 'course', 'held']);
    expect(r.zhTerms).toContain('培训员培训');
    expect(r.zhTerms).not.toContain('培训员');

    const s = translateTerms('Were the standard operating procedures updated?', lx);
    expect(s.matched.map((m) => m.en)).toEqual(['standard operating procedure', 'update']);
    expect(s.zhTerms).toEqual(['标准作业程序', '更新']);

    const t = translateTerms('briefings for troop- and police-contributing countries', lx);
    expect(t.matched.map((m) => m.en)).toEqual(['briefing', 'troop- and police-contributing countries']);
    expect(t.zhTerms).toContain('部队和警察派遣国');
    expect(t.zhTerms).not.toContain('部队派遣国');
  });

  it('folds plurals and inflections', () => {
    const en = (q: string): string[] => translateTerms(q, lx).matched.map((m) => m.en);
    expect(en('workshops')).toEqual(['workshop']);
    expect(en('briefed')).toEqual(['briefing']);
    expect(en('investigations')).toEqual(['investigation']);
    expect(en('activities of the audit')).toEqual(['audit']);
    expect(en('videoconferences')).toEqual(['videoconference']);
    expect(en('trainings and trainers')).toEqual(['training', 'trainer']);
    expect(en('the Security Council’s reports')).toEqual(['Security Council', 'report']);
    expect(en('SOPs')).toEqual(['standard operating procedure']);
    expect(stemWord('postponed')).toBe(stemWord('postpone'));
    expect(stemWord('planning')).toBe(stemWord('planned'));
    expect(stemWord('courses')).toBe(stemWord('course'));
    expect(stemWord('activities')).toBe(stemWord('activity'));
    expect(stemWord('news')).toBe('news');
  });

  it('matches whole words only and keeps short acronyms case-sensitive', () => {
    expect(translateTerms('it was a good visitor centre', lx).matched.map((m) => m.en)).toEqual([]);
    expect(translateTerms('IT support', lx).matched.map((m) => m.en)).toEqual(['information technology', 'support']);
    expect(translateTerms('retrained auditorium', lx).matched).toEqual([]);
    expect(translateTerms('UNMISS and UNMIS', lx).matched.map((m) => m.en)).toEqual(['UNMISS', 'UNMIS']);
  });

  it('maps domain terms to the report’s Chinese', () => {
    const zh = (q: string): string[] => translateTerms(q, lx).zhTerms;
    expect(zh('media interviews')).toContain('媒体访谈');
    expect(zh('DDR')).toContain('解除武装、复员和重返社会');
    expect(zh('disarmament, demobilization and reintegration')).toContain('解除武装、复员和重返社会');
    expect(zh('Umoja')).toContain('团结');
    expect(zh('IPSAS training')).toEqual(expect.arrayContaining(['公共部门会计准则', '培训']));
    expect(zh('misconduct allegations')).toEqual(expect.arrayContaining(['不当行为', '指控']));
    expect(zh('mine action')).toContain('地雷行动');
    expect(zh('the Fifth Committee')).toContain('第五委员会');
    expect(zh('General Assembly')).toContain('大会');
    expect(zh('contingent-owned equipment')).toContain('特遣队所属装备');
    expect(zh('vendor registration')).toContain('供应商登记');
    expect(zh('trust funds')).toContain('信托基金');
    expect(translateTerms('维和部的培训', lx)).toEqual({ zhTerms: [], matched: [] });
  });

  it('reports the question text it matched', () => {
    const r = translateTerms('Which Workshops were POSTPONED?', lx);
    expect(r.matched).toEqual([
      { en: 'workshop', zh: ['讲习班'], text: 'Workshops' },
      { en: 'postponed', zh: ['推迟'], text: 'POSTPONED' },
    ]);
  });
});

describe('org units', () => {
  it('cover every department and office heading of the seed, names as printed', () => {
    const headings = seedHeadings();
    // 12 departments, 6 offices under A, 5 under B, 5 under C.
    expect(headings).toHaveLength(28);
    const fromSeed = headings.map((h) => `${code(h)} ${h.name}`);
    const fromLexicon = lx.units.map((u) => `${code(u)} ${u.name}`);
    expect([...fromLexicon].sort()).toEqual([...fromSeed].sort());
  });

  it('do not take the lettered list in a remarks cell for offices', () => {
    expect(lx.units.some((u) => u.name.startsWith('制定并实施'))).toBe(false);
    expect(lx.units.filter((u) => u.department === 'B' && u.office).map((u) => u.office)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('every name and alias finds its own unit and nothing else', () => {
    const wrong: string[] = [];
    for (const u of lx.units) {
      const shared = new Set(u.sharedNames ?? []);
      for (const n of [u.name, u.english, ...u.aliases].filter((x) => !shared.has(x))) {
        const got = units(n);
        if (got.length !== 1 || got[0] !== code(u)) wrong.push(`${n} → ${got.join(',')}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it.each([
    ['维持和平行动部去年做了什么', ['A']],
    ['维和部的产出', ['A']],
    ['What did DPKO deliver?', ['A']],
    ['Department of Peacekeeping Operations', ['A']],
    ['外勤部推迟了哪些产出', ['B']],
    ['Department of Field Support outputs', ['B']],
    ['DFS', ['B']],
    ['管理部的培训', ['C']],
    ['what did DM postpone', ['C']],
    ['Department of Management', ['C']],
    ['监督厅的审计报告', ['D']],
    ['OIOS audits', ['D']],
    ['办公厅', ['E']],
    ['EOSG', ['E']],
    ['监察员办公室', ['F']],
    ['the Ombudsman', ['F']],
    ['Ethics Office', ['G']],
    ['道德操守办公室', ['G']],
    ['法律厅', ['H']],
    ['Office of Legal Affairs', ['H']],
    ['OLA', ['H']],
    ['新闻部', ['I']],
    ['DPI', ['I']],
    ['安保部', ['J']],
    ['安全和安保部的访问', ['J']],
    ['DSS', ['J']],
    ['行预咨委会秘书处', ['K']],
    ['ACABQ', ['K']],
    ['人权高专办', ['L']],
    ['OHCHR', ['L']],
    ['联非办', ['A-a']],
    ['UN Office to the African Union', ['A-a']],
    ['UNOAU', ['A-a']],
    ['行动厅', ['A-c']],
    ['Office of Operations', ['A-c']],
    ['Office of Military Affairs', ['A-d']],
    ['军事厅', ['A-d']],
    ['OROLSI', ['A-e']],
    ['Office of Rule of Law and Security Institutions', ['A-e']],
    ['法治和安全机构厅', ['A-e']],
    ['政策、评价和培训司', ['A-f']],
    ['政策评价和培训司', ['A-f']],
    ['Policy, Evaluation and Training Division', ['A-f']],
    ['DPET', ['A-f']],
    ['Field Budget and Finance Division', ['B-b']],
    ['外勤预算和财务司', ['B-b']],
    ['Field Personnel Division', ['B-c']],
    ['Logistics Support Division', ['B-d']],
    ['Information and Communications Technology Division', ['B-e']],
    ['信通技术司', ['B-e']],
    ['Office of Information and Communications Technology', ['C-e']],
    ['信息和通信技术厅', ['C-e']],
    ['OICT', ['C-e']],
    ['Office of Programme Planning, Budget and Accounts', ['C-b']],
    ['OPPBA', ['C-b']],
    ['Office of Human Resources Management', ['C-c']],
    ['OHRM', ['C-c']],
    ['人力资源管理厅', ['C-c']],
    ['Office of Central Support Services', ['C-d']],
    ['OCSS', ['C-d']],
  ])('%s → %j', (q, expected) => {
    expect(units(q)).toEqual(expected);
  });

  it.each([
    ['维和部副秘书长办公室', 'A-b'],
    ['维持和平行动部副秘书长办公室', 'A-b'],
    ['外勤部副秘书长办公室', 'B-a'],
    ['外勤支助部的副秘书长办公室', 'B-a'],
    ['管理事务部副秘书长办公室', 'C-a'],
    ['管理部 副秘书长办公室', 'C-a'],
    ['DFS Office of the Under-Secretary-General', 'B-a'],
    ["DPKO's Office of the Under-Secretary-General", 'A-b'],
    ['Office of the Under-Secretary-General for Field Support', 'B-a'],
    ['Office of the Under-Secretary-General for Management', 'C-a'],
    ['Office of the USG (DPKO)', 'A-b'],
    ['Office of the Under Secretary General, Department of Management', 'C-a'],
    ['the USG office in the Department of Field Support', 'B-a'],
  ])('composed office name %s → %s', (q, expected) => {
    const got = findOrgUnits(q, lx);
    expect(got.map(code)).toEqual([expected]);
    expect(got[0]!.ambiguous).toBe(false);
    expect(got[0]!.matchedText.length).toBeGreaterThan(8);
  });

  it('returns all three offices, marked ambiguous, for a bare 副秘书长办公室', () => {
    for (const q of ['副秘书长办公室的产出', 'Office of the Under-Secretary-General']) {
      const got = findOrgUnits(q, lx);
      expect(got.map(code)).toEqual(['A-b', 'B-a', 'C-a']);
      expect(got.every((g) => g.ambiguous)).toBe(true);
    }
  });

  it('narrows a bare shared office name to a department named elsewhere in the question', () => {
    const got = findOrgUnits('外勤部有哪些产出被推迟，特别是副秘书长办公室', lx);
    expect(got.map((g) => [code(g), g.ambiguous])).toEqual([
      ['B', false],
      ['B-a', false],
    ]);
  });

  it('keeps the longest match and drops overlapping shorter ones', () => {
    expect(findOrgUnits('安全和安保部', lx)).toEqual([{ department: 'J', office: null, matchedText: '安全和安保部', ambiguous: false }]);
    expect(units('维和部副秘书长办公室')).toEqual(['A-b']);
    expect(units('秘书长办公厅')).toEqual(['E']);
    expect(units('联合国监察员和调解事务办公室')).toEqual(['F']);
    expect(units('行政和预算问题咨询委员会秘书处')).toEqual(['K']);
  });

  it('finds several units in question order', () => {
    expect(units('Compare DPKO and DFS')).toEqual(['A', 'B']);
    expect(units('军事厅和后勤支助司')).toEqual(['A-d', 'B-d']);
    expect(units('OIOS, OLA and the Ethics Office')).toEqual(['D', 'H', 'G']);
  });

  it('matches three-letter unit acronyms typed in lower case, as people do in chat', () => {
    expect(units('dfs below plan?')).toEqual(['B']);
    expect(units('what did dss and dpi postpone')).toEqual(['J', 'I']);
    expect(units('dm me the list')).toEqual([]);
  });

  it('has no false positives on ordinary words', () => {
    expect(units('admin outputs')).toEqual([]);
    expect(units('ADMIN, DMS and CDFS reports')).toEqual([]);
    expect(units('dm me the list')).toEqual([]);
    expect(units('Ola! Dos and don\'ts')).toEqual([]);
    expect(units('安全理事会的情况通报')).toEqual([]);
    expect(units('briefings to the Security Council')).toEqual([]);
    expect(units('3 个维和部署中心')).toEqual([]);
    expect(units('新闻部分负责人会议')).toEqual([]);
    expect(units('人力资源管理部门')).toEqual([]);
    expect(units('维和部队')).toEqual([]);
    expect(units('常务副秘书长办公室')).toEqual([]);
    expect(units('information and communications technology support')).toEqual([]);
    expect(units('秘书长的报告')).toEqual([]);
  });
});
