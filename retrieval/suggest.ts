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
  if (plan.measure === 'count' || plan.measure === 'share') {
    out.push({ description: L.list, plan: { ...basePlan(plan.language, plan.part ? and(plan.where, plan.part) : plan.where), carried: ['rows'] } });
  }
  const units = unitsOf(plan.where);
  if ((plan.measure === 'count' || plan.measure === 'rows') && plan.groupBy !== 'office' && units.length === 1 && units[0]!.office === null && !plan.compare) {
    out.push({ description: L.byOffice, plan: { ...basePlan(plan.language, plan.where), measure: 'count', groupBy: 'office', carried: ['unit'] } });
  }
  if (answer.rows.length > 0 && answer.rows.length <= 20 && plan.measure !== 'explain') {
    out.push({ description: L.why, plan: { ...basePlan(plan.language, { op: 'ids', ids: answer.rows.map((r) => r.id) }), measure: 'explain', carried: ['rows'] } });
  }
  return out.slice(0, 3);
}

/**
 * The other reading of a question read two ways: a unit-shaped name the report has no unit of, which rows mention
 * as a partner, is answered as unknown and offered as "outputs that mention it".
 */
export function otherReadings(reading: QuestionReading, plan: Plan): Alternative[] {
  return reading.mentionedBy.map((name) => {
    const where = and(without(plan.where, () => false), { op: 'topic', topic: { text: name, concepts: [[name]], names: [], soft: false } });
    return { description: SAY[plan.language].mentioning(name), plan: { ...basePlan(plan.language, where), measure: 'rows', reason: null } };
  });
}
