// Departments and offices, found once per turn by the one unit resolver (retrieval/units.ts); this rule only
// gives each name its positions and settles how names next to each other relate.
import type { UnitMention } from '../../understand.ts';
import type { Mention, Recogniser } from '../mention.ts';

/** A unit's generic tail after its acronym or short name ("ACABQ 秘书处", "DFS division", "OIOS's office"). */
const UNIT_TAIL = /^(?:'s)?[\s的]*(秘书处|办公室|办事处|部门|secretariat|office|division|department|section)\b/i;
/** A gloss in brackets right after a name ("新闻部（DPI）", "OIOS (the oversight office)") repeats it. */
const GLOSS = /^\s*[（(][^）)]{1,40}[）)]/;

export function unitRecogniser(findUnits: (text: string) => UnitMention[]): Recogniser {
  return {
    name: 'unit',
    extract(text: string): Mention[] {
      const found = findUnits(text);
      const out: Mention[] = [];
      const lower = text.toLowerCase();
      for (const u of found) {
        const needle = u.matchedText.toLowerCase();
        for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + needle.length)) {
          let end = at + needle.length;
          const tail = UNIT_TAIL.exec(text.slice(end));
          if (tail && !/(秘书处|办公室|办事处)$/.test(u.matchedText)) end += tail[0].length;
          const gloss = GLOSS.exec(text.slice(end));
          if (gloss) end += gloss[0].length;
          // "维和部军事厅", "维持和平行动部的军事厅": a department named beside one of its own offices only qualifies it.
          const qualifier = u.office === null && found.some((o) => o.office !== null && o.department === u.department);
          out.push({ start: at, end, text: text.slice(at, end), recogniser: 'unit', meaning: { kind: 'unit', unit: { department: u.department, office: u.office }, excluded: false, qualifier } });
        }
      }
      return out;
    },
  };
}
