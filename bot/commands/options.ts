// Options several commands share: the department (and office) option with its autocomplete, and the status
// option with its five fixed choices.
import type { SlashCommandStringOption } from 'discord.js';
import { STATUS_FLAGS, type StatusFlag } from '../../store/schema.ts';
import { statusBilingual } from '../../present/labels.ts';
import type { OrgUnit, ReportQueries, UnitRef } from '../../retrieval/types.ts';
import type { BotContext } from '../context.ts';
import type { InteractionInput, Responder } from '../interactions/types.ts';
import { stringOption } from './types.ts';

export function departmentOption(required: boolean, description = 'Department (type to search, Chinese or English)', zh = '部门（输入中文或英文搜索）') {
  return (o: SlashCommandStringOption): SlashCommandStringOption =>
    o.setName('department').setDescription(description).setDescriptionLocalizations({ 'zh-CN': zh }).setRequired(required).setAutocomplete(true).setMaxLength(100);
}

export function officeOption(o: SlashCommandStringOption): SlashCommandStringOption {
  return o.setName('office').setDescription('Office within the department').setDescriptionLocalizations({ 'zh-CN': '部门内的办事处' }).setAutocomplete(true).setMaxLength(100);
}

export function statusOption(o: SlashCommandStringOption): SlashCommandStringOption {
  return o
    .setName('status')
    .setDescription('Only outputs with this status')
    .setDescriptionLocalizations({ 'zh-CN': '只看此状态的产出' })
    .addChoices(...STATUS_FLAGS.map((f) => ({ name: statusBilingual(f), value: f })));
}

/** Option value → flag; anything else (a tampered payload) is treated as "no filter". */
export function readStatus(value: string | undefined): StatusFlag | undefined {
  return value !== undefined && (STATUS_FLAGS as readonly string[]).includes(value) ? (value as StatusFlag) : undefined;
}

export const MAX_CHOICES = 25;
const MAX_CHOICE_CHARS = 100;

const clip = (text: string, max: number) => (text.length > max ? text.slice(0, max - 1) + '…' : text);

/** "A. 维持和平行动部 — Department of Peacekeeping Operations", within Discord's 100-char choice label. */
export function unitChoiceLabel(unit: OrgUnit): string {
  const zh = unit.kind === 'office' && unit.office ? `${unit.office.name}（${unit.department.code}. ${unit.department.name}）` : `${unit.department.code}. ${unit.department.name}`;
  return clip(unit.englishName ? `${zh} — ${unit.englishName}` : zh, MAX_CHOICE_CHARS);
}

/** "A-b": how the report's records key an office (department letter, office letter). */
export const OFFICE_CODE = /^[A-Z]-[a-z]$/;

/**
 * The value sent back. Departments go by name: unique, and a Chinese name also sets the answer language.
 * Offices go by code ("A-b"): several departments have an office of the same name (副秘书长办公室).
 */
export function unitChoiceValue(unit: OrgUnit): string {
  if (unit.kind === 'office' && unit.office) return `${unit.department.code}-${unit.office.code}`;
  return clip(unit.department.name, MAX_CHOICE_CHARS);
}

function sameDepartment(unit: OrgUnit, department: string): boolean {
  const d = department.trim().toLowerCase();
  return unit.department.code.toLowerCase() === d || unit.department.name.toLowerCase().includes(d);
}

/** Autocomplete choices for a department or office option; at most 25, de-duplicated by value. */
export function unitChoices(queries: ReportQueries, q: { typed: string; kind: 'department' | 'office'; department?: string | null }): { name: string; value: string }[] {
  const typed = q.typed.trim();
  // The engine's suggestions are "contains", best first; an empty box lists the report in order.
  let units = (typed === '' ? queries.units() : queries.suggestUnits(typed, 100)).filter((u) => u.kind === q.kind);
  if (q.kind === 'office' && q.department) {
    const resolved = queries.resolveUnit(q.department);
    const scoped = units.filter((u) => (resolved ? u.department.code === resolved.department : sameDepartment(u, q.department ?? '')));
    if (scoped.length > 0) units = scoped;
  }
  const seen = new Set<string>();
  const choices: { name: string; value: string }[] = [];
  for (const u of units) {
    const value = unitChoiceValue(u);
    if (seen.has(value)) continue;
    seen.add(value);
    choices.push({ name: unitChoiceLabel(u), value });
    if (choices.length >= MAX_CHOICES) break;
  }
  return choices;
}

/** The autocomplete handler of every command with a department (and office) option. */
export async function autocompleteUnits(input: InteractionInput, responder: Responder, ctx: BotContext): Promise<void> {
  const focused = input.focused ?? { name: 'department', value: '' };
  const choices =
    focused.name === 'office'
      ? unitChoices(ctx.queries, { typed: focused.value, kind: 'office', department: stringOption(input, 'department') ?? null })
      : unitChoices(ctx.queries, { typed: focused.value, kind: 'department' });
  await responder.autocomplete(choices);
}

/**
 * The unit a command names: an office code picked from autocomplete is the unit itself; otherwise the engine
 * resolves the typed department (and office). `null` when something was typed that names nothing.
 */
export function resolveCommandUnit(queries: ReportQueries, department: string | undefined, office: string | undefined): { unit: UnitRef | null; failed: string | null } {
  if (office && OFFICE_CODE.test(office)) {
    const unit = queries.resolveUnit(office);
    return unit ? { unit, failed: null } : { unit: null, failed: office };
  }
  if (!department) return office ? { unit: null, failed: office } : { unit: null, failed: null };
  const unit = queries.resolveUnit(department, office);
  return unit ? { unit, failed: null } : { unit: null, failed: office ? `${department} › ${office}` : department };
}
