// Next steps after an answer (list these rows, by office, why) and the other reading of a question read two ways,
// each a plan a front end can offer as a button or a numbered choice; picking one runs it as a turn.
import { and, basePlan, unitsOf, without, type Plan } from './plan.ts';
import type { QuestionReading } from './reading/read.ts';
import type { Alternative, Answer } from './types.ts';

const SAY = {
  zh: { list: '列出这些产出', byOffice: '按办公室细分', why: '为什么？（说明）', mentioning: (x: string) => `提到“${x}”的产出` },
  en: { list: 'List these outputs', byOffice: 'Break down by office', why: 'Why? (the remarks)', mentioning: (x: string) => `Outputs that mention “${x}”` },
};

/** Up to three next steps built from the plan just answered. */
export function nextSteps(answer: Answer): Alternative[] {
  const plan = answer.plan;
  const L = SAY[plan.language];
  if (answer.total === 0 || plan.measure === 'none') return [];
  const out: Alternative[] = [];
  // Each step keeps the plan's rows (its filters), so the conversation goes on from it as from any turn.
  const keep = { ...basePlan(plan.language), filters: plan.filters, stated: [], carried: ['unit', 'status', 'topic'] as Plan['carried'] };
  if (plan.measure === 'count' || plan.measure === 'share') {
    out.push({ description: L.list, plan: { ...keep, where: plan.part ? and(plan.where, plan.part) : plan.where, kind: 'rows', stated: ['measure'] } });
  }
  const units = unitsOf(plan.where);
  if ((plan.measure === 'count' || plan.measure === 'rows') && plan.groupBy !== 'office' && units.length === 1 && units[0]!.office === null && !plan.compare) {
    out.push({ description: L.byOffice, plan: { ...keep, where: plan.where, measure: 'count', groupBy: 'office', kind: 'breakdown', stated: ['measure'] } });
  }
  if (answer.rows.length > 0 && answer.rows.length <= 20 && plan.measure !== 'explain') {
    const ids = answer.rows.map((r) => r.id);
    out.push({ description: L.why, plan: { ...keep, where: { op: 'ids', ids }, measure: 'explain', kind: 'explain', filters: { ...plan.filters, rowIds: ids }, carried: ['rows'] } });
  }
  return out.slice(0, 3);
}

/**
 * The other reading of a question read two ways: a unit-shaped name the report has no unit of, which rows mention
 * as a partner, is answered as unknown and offered as "outputs that mention it".
 */
export function otherReadings(reading: QuestionReading, plan: Plan): Alternative[] {
  return reading.mentionedBy.map((name) => {
    const topic = { text: name, concepts: [[name]], names: [], soft: false };
    const where = and(without(plan.where, () => false), { op: 'topic', topic });
    return { description: SAY[plan.language].mentioning(name), plan: { ...basePlan(plan.language, where), measure: 'rows', kind: 'rows', reason: null, filters: { ...plan.filters, topic }, stated: ['topic'] } };
  });
}
