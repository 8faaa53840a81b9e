// Discord's message limits and the splitting that keeps every page within them, as plain JSON (no discord.js
// types), so the enforcement is testable without a client. Anything too long is continued on another
// field, embed or page, never cut off.
export const DISCORD_LIMITS = {
  content: 2000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  embedsPerMessage: 10,
  /** Sum of title, description, field names and values and footer over all embeds of one message. */
  embedCharsPerMessage: 6000,
} as const;

export interface EmbedField {
  name: string;
  value: string;
  inline?: boolean;
}

export interface EmbedJSON {
  title?: string;
  description?: string;
  color?: number;
  fields?: EmbedField[];
  footer?: { text: string };
}

/** One Discord message's worth of content. */
export interface Page {
  content?: string;
  embeds: EmbedJSON[];
}

export const CONT = ' (cont.)';
export const ELLIPSIS = '…';
// Discord rejects empty field values; a zero-width space renders as nothing.
export const EMPTY_VALUE = '\u200b';

export const COLORS = {
  header: 0x5865f2,
  row: 0x4f8fc0,
  none: 0x99aab5,
} as const;


/**
 * Report text is shown as printed, so characters Discord would read as markdown are escaped
 * (an "*" in a footnote must not turn the rest of a cell bold).
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\*_~`|])/g, '\\$1').replace(/^([>#-])/gm, '\\$1');
}

/** Text inside a code block needs no escaping; only a literal fence could break out of it. */
export function codeSafe(text: string): string {
  return text.replace(/```/g, 'ˋˋˋ');
}

/** Clips to `max` characters with an ellipsis (labels, thread names, select options). */
export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length > max ? chars.slice(0, max - 1).join('') + ELLIPSIS : text;
}
// ---------------------------------------------------------------------------------------------------------------
// Limits

/** Characters of an embed as Discord counts them towards the 6000 per message. */
export function embedLength(embed: EmbedJSON): number {
  let n = (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0);
  for (const f of embed.fields ?? []) n += f.name.length + f.value.length;
  return n;
}

const SOFT_BREAKS = new Set([' ', '\t', '。', '；', '，', '、', '：', '）', ')', ';', ',', '.']);

/** Where to cut `text` so the first part is at most `max` chars: a newline, else a space or CJK punctuation. */
function cutPoint(text: string, max: number): number {
  const window = text.slice(0, max + 1);
  const floor = Math.floor(max * 0.5);
  let cut = window.lastIndexOf('\n', max);
  if (cut < floor) {
    cut = -1;
    for (let i = max; i > floor; i--) {
      const ch = text[i - 1];
      if (ch !== undefined && SOFT_BREAKS.has(ch)) {
        cut = i;
        break;
      }
    }
  }
  if (cut < floor) cut = max;
  // Never split a surrogate pair or an escape sequence ("\*").
  const prev = text.charCodeAt(cut - 1);
  if (prev >= 0xd800 && prev <= 0xdbff) cut -= 1;
  if (text[cut - 1] === '\\' && cut > 1) cut -= 1;
  return Math.max(1, cut);
}

function splitPlain(text: string, max: number): string[] {
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const cut = cutPoint(rest, max);
    chunks.push(rest.slice(0, cut));
    rest = rest.slice(cut);
    // The newline we cut at separates the chunks; it is not content.
    if (rest.startsWith('\n')) rest = rest.slice(1);
  }
  chunks.push(rest);
  return chunks;
}

const FENCE = '```';

/**
 * Splits text into chunks of at most `max` characters at natural breaks. A code block that spans a cut
 * is closed at the end of one chunk and reopened at the start of the next, so tables stay tables.
 */
export function splitText(text: string, max: number): string[] {
  if (text.length <= max) return [text];
  if (!text.includes(FENCE)) return splitPlain(text, max);
  const reserve = FENCE.length * 2 + 2;
  const raw = splitPlain(text, max - reserve);
  const out: string[] = [];
  let open = false;
  for (const chunk of raw) {
    let c: string = open ? FENCE + '\n' + chunk : chunk;
    const fences: number = c.split(FENCE).length - 1;
    open = fences % 2 === 1;
    if (open) c = c + '\n' + FENCE;
    out.push(c);
  }
  return out;
}

function fitTitle(title: string, suffix = ''): string {
  const room = DISCORD_LIMITS.title - suffix.length;
  return (title.length > room ? title.slice(0, room - 1) + ELLIPSIS : title) + suffix;
}

function expandField(field: EmbedField): EmbedField[] {
  let { name, value } = field;
  if (name.length > DISCORD_LIMITS.fieldName) {
    // A name too long for its slot continues at the top of the value.
    const head = name.slice(0, DISCORD_LIMITS.fieldName - 1);
    value = ELLIPSIS + name.slice(DISCORD_LIMITS.fieldName - 1) + '\n' + value;
    name = head + ELLIPSIS;
  }
  if (name.trim() === '') name = EMPTY_VALUE;
  if (value.trim() === '') value = EMPTY_VALUE;
  const parts = splitText(value, DISCORD_LIMITS.fieldValue);
  const contName = fitTitle(name.endsWith(ELLIPSIS) ? name.slice(0, -1) : name, CONT).slice(0, DISCORD_LIMITS.fieldName);
  return parts.map((v, i) => ({
    name: i === 0 ? name : contName,
    value: v,
    ...(field.inline !== undefined && parts.length === 1 ? { inline: field.inline } : {}),
  }));
}

/** One embed → one or more embeds that each satisfy every per-embed limit and the 6000-char total. */
export function splitEmbed(embed: EmbedJSON): EmbedJSON[] {
  const out: EmbedJSON[] = [];
  let description = embed.description ?? '';
  let title = embed.title;
  if (title !== undefined && title.length > DISCORD_LIMITS.title) {
    description = ELLIPSIS + title.slice(DISCORD_LIMITS.title - 1) + (description ? '\n' + description : '');
    title = fitTitle(title);
  }
  const contTitle = title !== undefined ? fitTitle(title.endsWith(ELLIPSIS) ? title.slice(0, -1) : title, CONT) : CONT.trim();
  const fresh = (first: boolean): EmbedJSON => {
    const e: EmbedJSON = {};
    if (first ? title !== undefined : true) e.title = first ? title : contTitle;
    if (embed.color !== undefined) e.color = embed.color;
    return e;
  };
  let current = fresh(true);
  const flush = () => {
    out.push(current);
    current = fresh(false);
  };

  if (description !== '') {
    for (const chunk of splitText(description, DISCORD_LIMITS.description)) {
      if (current.description !== undefined) flush();
      current.description = chunk;
    }
  }

  const fields = (embed.fields ?? []).flatMap(expandField);
  let footer = embed.footer?.text;
  if (footer !== undefined && footer.length > DISCORD_LIMITS.footer) {
    const [head = '', ...rest] = splitText(footer, DISCORD_LIMITS.footer);
    footer = head;
    for (const r of rest) fields.push(...expandField({ name: CONT.trim(), value: r }));
  }
  for (const field of fields) {
    const count = current.fields?.length ?? 0;
    if (count >= DISCORD_LIMITS.fields || embedLength(current) + field.name.length + field.value.length > DISCORD_LIMITS.embedCharsPerMessage) {
      flush();
    }
    (current.fields ??= []).push(field);
  }
  if (footer !== undefined) {
    if (embedLength(current) + footer.length > DISCORD_LIMITS.embedCharsPerMessage) flush();
    current.footer = { text: footer };
  }
  out.push(current);
  return out;
}

export interface FitOptions {
  /** At most 10 (Discord's limit); lower to keep pages short. */
  maxEmbedsPerPage?: number;
}

/**
 * Makes each input message fit Discord: long content becomes several messages, oversized embeds are
 * split, and embeds are packed into messages of at most `maxEmbedsPerPage` embeds and 6000 characters.
 */
export function fitToDiscordLimits(pages: readonly Page[], options: FitOptions = {}): Page[] {
  const maxEmbeds = Math.max(1, Math.min(DISCORD_LIMITS.embedsPerMessage, options.maxEmbedsPerPage ?? DISCORD_LIMITS.embedsPerMessage));
  const out: Page[] = [];
  for (const page of pages) {
    const contentChunks = page.content ? splitText(page.content, DISCORD_LIMITS.content) : [];
    // Every chunk but the last stands alone; the last one heads the first batch of embeds.
    for (const chunk of contentChunks.slice(0, -1)) out.push({ content: chunk, embeds: [] });
    let current: Page = { embeds: [] };
    const lastChunk = contentChunks.at(-1);
    if (lastChunk !== undefined) current.content = lastChunk;
    let chars = 0;
    for (const embed of page.embeds.flatMap(splitEmbed)) {
      const n = embedLength(embed);
      if (current.embeds.length >= maxEmbeds || (current.embeds.length > 0 && chars + n > DISCORD_LIMITS.embedCharsPerMessage)) {
        out.push(current);
        current = { embeds: [] };
        chars = 0;
      }
      current.embeds.push(embed);
      chars += n;
    }
    if (current.embeds.length > 0 || current.content !== undefined) out.push(current);
  }
  return out.length > 0 ? out : [{ content: EMPTY_VALUE, embeds: [] }];
}

/** Every limit violation on a page, for tests and a last safety check before sending. */
export function limitViolations(page: Page): string[] {
  const v: string[] = [];
  const L = DISCORD_LIMITS;
  if ((page.content?.length ?? 0) > L.content) v.push(`content ${page.content?.length}`);
  if (page.embeds.length > L.embedsPerMessage) v.push(`embeds ${page.embeds.length}`);
  let total = 0;
  page.embeds.forEach((e, i) => {
    total += embedLength(e);
    if ((e.title?.length ?? 0) > L.title) v.push(`embed ${i} title ${e.title?.length}`);
    if ((e.description?.length ?? 0) > L.description) v.push(`embed ${i} description ${e.description?.length}`);
    if ((e.footer?.text.length ?? 0) > L.footer) v.push(`embed ${i} footer ${e.footer?.text.length}`);
    if ((e.fields?.length ?? 0) > L.fields) v.push(`embed ${i} fields ${e.fields?.length}`);
    e.fields?.forEach((f, j) => {
      if (f.name.length > L.fieldName) v.push(`embed ${i} field ${j} name ${f.name.length}`);
      if (f.value.length > L.fieldValue) v.push(`embed ${i} field ${j} value ${f.value.length}`);
      if (f.name.length === 0 || f.value.length === 0) v.push(`embed ${i} field ${j} empty`);
    });
  });
  if (total > L.embedCharsPerMessage) v.push(`embed total ${total}`);
  if (!page.content && page.embeds.length === 0) v.push('empty message');
  return v;
}
