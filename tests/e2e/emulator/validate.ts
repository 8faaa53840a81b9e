// A subset of Discord's server-side payload limits. Without them a bot that produces a 2001-char
// answer or a 26th embed field passes every local test and fails only in production.
import { MessageFlag, type Json } from './payloads.ts';

export interface FieldError {
  path: (string | number)[];
  code: string;
  message: string;
}

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const len = (v: unknown): number => (typeof v === 'string' ? [...v].length : 0);

function maxLen(errors: FieldError[], path: (string | number)[], value: unknown, max: number, min = 0): void {
  if (value === undefined || value === null) {
    if (min > 0) errors.push({ path, code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
    return;
  }
  if (typeof value !== 'string') {
    errors.push({ path, code: 'BASE_TYPE_STRING', message: 'Must be a string.' });
    return;
  }
  const n = len(value);
  if (n > max) errors.push({ path, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${max} or fewer in length.` });
  else if (n < min) errors.push({ path, code: 'BASE_TYPE_MIN_LENGTH', message: `Must be ${min} or more in length.` });
}

function validateEmbeds(errors: FieldError[], embeds: unknown): void {
  if (embeds === undefined || embeds === null) return;
  if (!Array.isArray(embeds)) {
    errors.push({ path: ['embeds'], code: 'BASE_TYPE_ARRAY', message: 'Must be an array.' });
    return;
  }
  if (embeds.length > 10) errors.push({ path: ['embeds'], code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 10 or fewer in length.' });
  let total = 0;
  embeds.forEach((embed, i) => {
    if (!isObj(embed)) return;
    const p = ['embeds', i];
    maxLen(errors, [...p, 'title'], embed.title, 256);
    maxLen(errors, [...p, 'description'], embed.description, 4096);
    total += len(embed.title) + len(embed.description);
    if (isObj(embed.footer)) {
      maxLen(errors, [...p, 'footer', 'text'], embed.footer.text, 2048);
      total += len(embed.footer.text);
    }
    if (isObj(embed.author)) {
      maxLen(errors, [...p, 'author', 'name'], embed.author.name, 256);
      total += len(embed.author.name);
    }
    if (Array.isArray(embed.fields)) {
      if (embed.fields.length > 25) errors.push({ path: [...p, 'fields'], code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 25 or fewer in length.' });
      embed.fields.forEach((field: unknown, j: number) => {
        if (!isObj(field)) return;
        maxLen(errors, [...p, 'fields', j, 'name'], field.name, 256, 1);
        maxLen(errors, [...p, 'fields', j, 'value'], field.value, 1024, 1);
        total += len(field.name) + len(field.value);
      });
    }
  });
  if (total > 6000) errors.push({ path: ['embeds'], code: 'MAX_EMBED_SIZE_EXCEEDED', message: 'Embed size exceeds maximum size of 6000' });
}

function validateComponents(errors: FieldError[], components: unknown, flags: number): void {
  if (components === undefined || components === null) return;
  if (!Array.isArray(components)) {
    errors.push({ path: ['components'], code: 'BASE_TYPE_ARRAY', message: 'Must be an array.' });
    return;
  }
  // Components V2 layouts are not modelled; only the top-level count is checked.
  if (flags & MessageFlag.IsComponentsV2) {
    if (components.length > 40) errors.push({ path: ['components'], code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 40 or fewer in length.' });
    return;
  }
  if (components.length > 5) errors.push({ path: ['components'], code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 5 or fewer in length.' });
  components.forEach((row, i) => {
    if (!isObj(row) || row.type !== 1) {
      errors.push({ path: ['components', i, 'type'], code: 'UNION_TYPE_CHOICES', message: 'Top-level components must be action rows (type 1).' });
      return;
    }
    const children = Array.isArray(row.components) ? row.components : [];
    if (children.length < 1 || children.length > 5) {
      errors.push({ path: ['components', i, 'components'], code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 5 in length.' });
    }
    children.forEach((c: unknown, j: number) => {
      if (!isObj(c)) return;
      const p = ['components', i, 'components', j];
      if (c.type === 2) {
        maxLen(errors, [...p, 'label'], c.label, 80);
        const isLink = c.style === 5;
        const isPremium = c.style === 6;
        if (isLink) {
          if (typeof c.url !== 'string') errors.push({ path: [...p, 'url'], code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
          if (c.custom_id !== undefined) errors.push({ path: [...p, 'custom_id'], code: 'COMPONENT_LINK_CUSTOM_ID', message: 'Link buttons cannot have a custom_id' });
        } else if (!isPremium) {
          maxLen(errors, [...p, 'custom_id'], c.custom_id, 100, 1);
        }
      } else {
        // Select menus: every interactive component except link/premium buttons needs a custom_id.
        maxLen(errors, [...p, 'custom_id'], c.custom_id, 100, 1);
      }
    });
  });
}

/** Errors for a message create/edit body. `isEdit` relaxes the "cannot send an empty message" rule. */
export function validateMessageBody(body: unknown, opts: { isEdit: boolean; fileCount: number }): { emptyMessage: boolean; errors: FieldError[] } {
  const errors: FieldError[] = [];
  if (!isObj(body)) return { emptyMessage: !opts.isEdit && opts.fileCount === 0, errors };
  maxLen(errors, ['content'], body.content, 2000);
  const flags = typeof body.flags === 'number' ? body.flags : 0;
  validateEmbeds(errors, body.embeds);
  validateComponents(errors, body.components, flags);
  const hasContent = typeof body.content === 'string' && body.content.length > 0;
  const hasEmbeds = Array.isArray(body.embeds) && body.embeds.length > 0;
  const hasComponents = Array.isArray(body.components) && body.components.length > 0;
  const hasOther = body.sticker_ids !== undefined || body.poll !== undefined;
  const emptyMessage = !opts.isEdit && !hasContent && !hasEmbeds && !hasComponents && !hasOther && opts.fileCount === 0;
  return { emptyMessage, errors };
}

export function validateChoices(choices: unknown): FieldError[] {
  const errors: FieldError[] = [];
  if (!Array.isArray(choices)) {
    errors.push({ path: ['data', 'choices'], code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
    return errors;
  }
  if (choices.length > 25) errors.push({ path: ['data', 'choices'], code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 25 or fewer in length.' });
  choices.forEach((choice, i) => {
    if (!isObj(choice)) return;
    maxLen(errors, ['data', 'choices', i, 'name'], choice.name, 100, 1);
    if (typeof choice.value === 'string') maxLen(errors, ['data', 'choices', i, 'value'], choice.value, 100);
    else if (typeof choice.value !== 'number') errors.push({ path: ['data', 'choices', i, 'value'], code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
  });
  return errors;
}

/** Discord's nested `errors` object: `{ embeds: { 0: { description: { _errors: [...] } } } }`. */
export function formBodyError(errors: FieldError[]): Json {
  const tree: Json = {};
  for (const e of errors) {
    let node = tree;
    for (const key of e.path) {
      const k = String(key);
      if (!isObj(node[k])) node[k] = {};
      node = node[k] as Json;
    }
    const list = (node._errors as unknown[] | undefined) ?? [];
    list.push({ code: e.code, message: e.message });
    node._errors = list;
  }
  return { message: 'Invalid Form Body', code: 50035, errors: tree };
}
