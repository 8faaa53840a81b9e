// A plan flattened for headers and the "how it was understood" line (names stay codes; present/ words them).
import { leaves, unitsOf, type Plan, type UnitRef } from './plan.ts';
import type { NamedUnit, OrgUnit, QueryFilters } from './types.ts';

const keyOf = (u: UnitRef) => (u.office ? `${u.department}-${u.office}` : u.department);

export function describeFilters(plan: Plan): QueryFilters {
  const all = [...leaves(plan.where), ...(plan.part ? leaves(plan.part) : [])];
  const units = [...unitsOf(plan.where), ...(plan.compare ?? []), ...(plan.part ? unitsOf(plan.part) : [])];
  const positiveStatus = all.flatMap(({ leaf, negated }) => (leaf.op === 'status' && !negated ? [leaf.flag] : []));
  const joinedByAnd = (p: Plan['where']): boolean => p.op === 'and' && p.args.filter((a) => a.op === 'status').length > 1;
  return {
    departments: [...new Set(units.map((u) => u.department))],
    offices: [...new Set(units.filter((u) => u.office).map(keyOf))],
    accomplishment: all.find((l) => l.leaf.op === 'accomplishment')?.leaf.op === 'accomplishment' ? (all.find((l) => l.leaf.op === 'accomplishment')!.leaf as { code: string }).code : null,
    status: [...new Set(positiveStatus)],
    statusJoin: joinedByAnd(plan.where) || (plan.part ? joinedByAnd(plan.part) : false) ? 'and' : 'or',
    excludedUnits: all.flatMap(({ leaf, negated }) => (leaf.op === 'unit' && negated ? [keyOf(leaf.unit)] : [])),
    excludedStatus: all.flatMap(({ leaf, negated }) => (leaf.op === 'status' && negated ? [leaf.flag] : [])),
    topic: all.flatMap(({ leaf }) => (leaf.op === 'topic' ? [leaf.topic.text] : [])).join(' ') || null,
  };
}

/** The units a plan names (where, comparison, scope, part), with their names, de-duplicated. */
export function namedUnits(plan: Plan, unitOf: (u: UnitRef) => OrgUnit): NamedUnit[] {
  const refs = [...unitsOf(plan.where), ...(plan.compare ?? []), ...plan.scope, ...(plan.part ? unitsOf(plan.part) : [])];
  const seen = new Set<string>();
  return refs.flatMap((r) => {
    if (seen.has(keyOf(r))) return [];
    seen.add(keyOf(r));
    const u = unitOf(r);
    return [{ department: u.department, office: u.office, englishName: u.englishName }];
  });
}
