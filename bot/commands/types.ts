// The shape of one slash command module (discord.js guide style) and what the router hands it.
import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Logger } from '../logger.ts';
import type { Page } from '../../present/discord.ts';
import type { Language, OrgUnit, ReportQueries } from '../../retrieval/types.ts';

export interface Presentation {
  pages: Page[];
  language: Language;
  /** Only the asker sees it (errors, not-found). */
  ephemeral?: boolean;
}

export interface CommandContext {
  queries: ReportQueries;
  logger: Logger;
  /** Sends the pages as the interaction's reply (editReply when deferred), with page buttons if several. */
  present(interaction: ChatInputCommandInteraction, presentation: Presentation): Promise<void>;
}

export interface BotCommand {
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  /**
   * Defer before executing: engine calls may exceed Discord's 3-second reply window. Commands that can
   * answer ephemerally (not-found) must not defer publicly, since a deferred reply's visibility is fixed.
   */
  defer: boolean;
  execute(interaction: ChatInputCommandInteraction, ctx: CommandContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: CommandContext): Promise<void>;
}

/** One conversation per user per channel (a thread or DM is its own channel). */
export function conversationOf(interaction: { user: { id: string }; channelId: string | null }): string {
  return `discord:${interaction.channelId ?? 'dm'}:${interaction.user.id}`;
}

/** Discord client locale → answer language for commands that have no question text to detect it from. */
export function localeLanguage(locale: string | null | undefined): Language {
  return locale?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export const MAX_CHOICES = 25;
const MAX_CHOICE_CHARS = 100;

function clip(text: string, max: number): string {
  return text.length > max ? text.slice(0, max - 1) + '…' : text;
}

/** "A. 维持和平行动部 — Department of Peacekeeping Operations", within Discord's 100-char choice label. */
export function unitChoiceLabel(unit: OrgUnit): string {
  const zh =
    unit.kind === 'office' && unit.office
      ? `${unit.office.name}（${unit.department.code}. ${unit.department.name}）`
      : `${unit.department.code}. ${unit.department.name}`;
  const label = unit.englishName ? `${zh} — ${unit.englishName}` : zh;
  return clip(label, MAX_CHOICE_CHARS);
}

/** "A-b": how the report's records key an office (department letter, office letter). */
export const OFFICE_CODE = /^[A-Z]-[a-z]$/;

/**
 * The value sent back to the engine. Departments go by name: unique, and a Chinese name also tells the
 * engine to answer in Chinese. Offices go by code ("A-b"): several departments have an office of the
 * same name (副秘书长办公室), and the code names exactly one.
 */
export function unitChoiceValue(unit: OrgUnit): string {
  if (unit.kind === 'office' && unit.office) return `${unit.department.code}-${unit.office.code}`;
  return clip(unit.department.name, MAX_CHOICE_CHARS);
}

export interface UnitChoiceQuery {
  typed: string;
  kind: 'department' | 'office';
  /** For the office option: the department already chosen, to list only its offices. */
  department?: string | null;
}

function sameDepartment(unit: OrgUnit, department: string): boolean {
  const d = department.trim().toLowerCase();
  return (
    unit.department.code.toLowerCase() === d ||
    unit.department.name.toLowerCase() === d ||
    unit.department.name.toLowerCase().includes(d)
  );
}

/** Autocomplete choices for a department or office option; at most 25, de-duplicated by value. */
export function unitChoices(queries: ReportQueries, q: UnitChoiceQuery): { name: string; value: string }[] {
  const typed = q.typed.trim();
  // The engine's suggestions are "contains", best first; an empty box lists the report in order.
  let units = typed === '' ? queries.units() : queries.suggestUnits(typed, 100);
  units = units.filter((u) => u.kind === q.kind);
  if (q.kind === 'office' && q.department) {
    const scoped = units.filter((u) => sameDepartment(u, q.department ?? ''));
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
