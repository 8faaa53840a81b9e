// custom_ids of every component and modal the bot sends. They carry ids only — an answer id, a row id, a
// target page — never state, so any process (after a restart, another shard, the HTTP endpoint) can serve a
// click by looking the ids up in the state store. Every id is well under Discord's 100-character limit.

/** A stored answer's id: 16 hex digits. */
const AID = '[0-9a-f]{16}';
/** A row id as the report's records carry it ("A-a-1.1-01", "H-1.1-02"). */
const ROW = '[A-Z](?:-[a-z])?-\\d+(?:\\.\\d+)*-\\d{2,}';

export type ComponentRef =
  | { kind: 'page'; answerId: string; page: number }
  | { kind: 'csv'; answerId: string }
  | { kind: 'vote'; answerId: string; vote: 'up' | 'down' }
  | { kind: 'source'; rowId: string }
  | { kind: 'source-select'; answerId: string }
  | { kind: 'feedback-modal'; answerId: string }
  | { kind: 'next'; answerId: string; index: number };

export const customId = {
  /** "p"/"n" keep Previous and Next distinct when both point at the same page (custom_ids must be unique). */
  page: (answerId: string, page: number, which: 'p' | 'n') => `pg:${answerId}:${page}:${which}`,
  pageIndicator: (answerId: string) => `pg:${answerId}:i`,
  csv: (answerId: string) => `csv:${answerId}`,
  vote: (answerId: string, vote: 'up' | 'down') => `vote:${answerId}:${vote}`,
  source: (rowId: string) => `src:${rowId}`,
  sourceSelect: (answerId: string) => `srcs:${answerId}`,
  feedbackModal: (answerId: string) => `fb:${answerId}`,
  /** The answer's index-th next step (its alternatives, then its suggestions); the plan stays with the stored answer. */
  next: (answerId: string, index: number) => `nx:${answerId}:${index}`,
} as const;

/** The text input of the feedback modal. */
export const FEEDBACK_NOTE_FIELD = 'note';

const PATTERNS: Array<[RegExp, (m: RegExpExecArray) => ComponentRef]> = [
  [new RegExp(`^pg:(${AID}):(\\d{1,5}):[pn]$`), (m) => ({ kind: 'page', answerId: m[1]!, page: Number(m[2]) })],
  [new RegExp(`^csv:(${AID})$`), (m) => ({ kind: 'csv', answerId: m[1]! })],
  [new RegExp(`^vote:(${AID}):(up|down)$`), (m) => ({ kind: 'vote', answerId: m[1]!, vote: m[2] as 'up' | 'down' })],
  [new RegExp(`^src:(${ROW})$`), (m) => ({ kind: 'source', rowId: m[1]! })],
  [new RegExp(`^srcs:(${AID})$`), (m) => ({ kind: 'source-select', answerId: m[1]! })],
  [new RegExp(`^fb:(${AID})$`), (m) => ({ kind: 'feedback-modal', answerId: m[1]! })],
  [new RegExp(`^nx:(${AID}):(\\d)$`), (m) => ({ kind: 'next', answerId: m[1]!, index: Number(m[2]) })],
];

/** The ids in a custom_id, or null for anything the bot did not make (old buttons, tampered payloads). */
export function parseCustomId(id: string | null | undefined): ComponentRef | null {
  if (!id || id.length > 100) return null;
  for (const [re, make] of PATTERNS) {
    const m = re.exec(id);
    if (m) return make(m);
  }
  return null;
}

export const isRowId = (id: string): boolean => new RegExp(`^${ROW}$`).test(id);

/**
 * A row id as typed ("a-a-1.1-01", " H-1.1-02 ") in the report's spelling: the department letter is upper
 * case and the office letter lower case there, so any other casing names the same row.
 */
export function canonicalRowId(typed: string): string {
  const m = /^([a-z])(?:-([a-z]))?-(\d+(?:\.\d+)*-\d{2,})$/i.exec(typed.trim());
  if (!m) return typed.trim();
  return `${m[1]!.toUpperCase()}${m[2] ? '-' + m[2].toLowerCase() : ''}-${m[3]}`;
}
