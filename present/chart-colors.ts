// Chart colours: one per status, the same in every chart, and a fallback palette for other series.
import type { StatusFlag } from '../store/schema.ts';
import { STATUS_DISPLAY as STATUS_WORDS, STATUS_ORDER } from '../store/status.ts';

// One colour per status, the same in every chart (store/status.ts holds them with the other status words).
export const STATUS_COLORS = Object.fromEntries(STATUS_ORDER.map((f) => [f, STATUS_WORDS[f].color])) as Record<StatusFlag, string>;
const OTHER_COLORS = ['#4E79A7', '#F28E2B', '#76B7B2', '#59A14F', '#EDC948', '#B07AA1', '#FF9DA7', '#9C755F', '#86BCB6', '#E15759', '#BAB0AC', '#D37295'];

export function seriesColor(series: { name: string; status?: StatusFlag | undefined }, index: number): string {
  if (series.status) return STATUS_COLORS[series.status];
  const name = series.name.trim().toLowerCase();
  // Rows with two or more statuses (the summary's "each row once" bucket): a neutral grey.
  if (name === '两种以上状态' || name === 'two or more') return '#999999';
  // A series named by a status word (either language) takes that status's colour.
  for (const [flag, words] of Object.entries(STATUS_WORDS) as [StatusFlag, { zh: string; en: string }][]) {
    if (words.zh === name || words.en.toLowerCase() === name) return STATUS_COLORS[flag];
  }
  return OTHER_COLORS[index % OTHER_COLORS.length]!;
}

