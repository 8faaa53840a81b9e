// Groups of rows by department, office or status: counts, shares, rankings with ties, comparisons.
import { STATUS_FLAGS, type OutputRecord, type StatusFlag } from '../store/schema.ts';
import { recordUnitKey, type GroupBy, type Plan, type UnitRef } from './plan.ts';
import type { BreakdownEntry, Group, OrgUnit, StatusCounts } from './types.ts';

export const emptyCounts = (): StatusCounts => Object.fromEntries(STATUS_FLAGS.map((f) => [f, 0])) as StatusCounts;

function countByStatus(rows: readonly OutputRecord[]): StatusCounts {
  const c = emptyCounts();
  for (const r of rows) for (const s of r.status) c[s]++;
  return c;
}

export const inUnit = (r: OutputRecord, u: UnitRef) => r.department.code === u.department && (u.office === null || r.office?.code === u.office);

/** The units a grouping enumerates: offices (an office-less department stands for itself) or departments. */
export function groupUnits(units: readonly OrgUnit[], groupBy: 'department' | 'office', scope: readonly UnitRef[]): UnitRef[] {
  const inScope = (u: OrgUnit) => scope.length === 0 || scope.some((s) => s.department === u.department.code && (s.office === null || s.office === u.office?.code));
  if (groupBy === 'department') return units.filter((u) => u.kind === 'department' && inScope(u)).map((u) => ({ department: u.department.code, office: null }));
  const withOffices = new Set(units.filter((u) => u.kind === 'office').map((u) => u.department.code));
  return units
    .filter((u) => inScope(u) && (u.kind === 'office' || !withOffices.has(u.department.code)))
    .map((u) => ({ department: u.department.code, office: u.office?.code ?? null }));
}

export function makeGroup(unit: OrgUnit, matching: readonly OutputRecord[], whole: number, status: StatusFlag | null = null): Group {
  return {
    department: unit.department,
    office: unit.office,
    count: matching.length,
    whole,
    share: whole > 0 ? matching.length / whole : null,
    byStatus: countByStatus(matching),
    status,
    rank: null,
  };
}

/** Orders groups most (or fewest) first; equal values share a rank; a limit keeps the ties at the cut. */
export function rankGroups(groups: Group[], plan: Pick<Plan, 'order' | 'rankBy' | 'limit'>): Group[] {
  if (!plan.order) return groups;
  const value = (g: Group) => (plan.rankBy === 'share' ? (g.share ?? -1) : g.count);
  const sign = plan.order === 'asc' ? 1 : -1;
  // A stable sort keeps report order among ties.
  const sorted = groups
    .map((g, i) => ({ g, i }))
    .sort((a, b) => sign * (value(a.g) - value(b.g)) || a.i - b.i)
    .map((x) => x.g);
  let rank = 0;
  let last: number | null = null;
  sorted.forEach((g, i) => {
    if (last === null || value(g) !== last) rank = i + 1;
    last = value(g);
    g.rank = rank;
  });
  if (plan.limit === null) return sorted;
  const cutoff = sorted[plan.limit - 1];
  return cutoff ? sorted.filter((g) => g.rank! <= cutoff.rank!) : sorted;
}

export function breakdownOf(rows: readonly OutputRecord[]): BreakdownEntry[] {
  const map = new Map<string, BreakdownEntry>();
  for (const r of rows) {
    const key = recordUnitKey(r, 'office');
    const e = map.get(key) ?? { department: r.department, office: r.office, count: 0 };
    e.count++;
    map.set(key, e);
  }
  return [...map.values()];
}

export type { GroupBy };
