// Every question is normalised once, here, before it is read: what people actually type (full-width
// letters, invisible format characters, traditional characters, Discord markup) becomes plain text.
import { Converter } from 'opencc-js/t2cn';

const toSimplified = Converter({ from: 't', to: 'cn' });

/** Discord markup that carries no words: user/role/channel mentions, custom emoji, timestamps. */
const DISCORD_MARKUP = /<@[!&]?\d{5,}>|<#\d{5,}>|<a?:\w{1,64}:\d{5,}>|<t:-?\d{1,13}(:[tTdDfFR])?>|<\/[\w -]{1,64}:\d{5,}>/g;

export function normalizeQuestion(raw: string): string {
  return toSimplified(
    raw
      // Full-width letters and digits (ＤＦＳ, １２), compatibility forms, composed characters.
      .normalize('NFKC')
      // Zero-width joiners, BOMs, direction marks: format characters that split words invisibly.
      .replace(/\p{Cf}/gu, '')
      .replace(DISCORD_MARKUP, ' ')
      // Markdown emphasis and code ticks around words.
      .replace(/(\*\*|__|~~|\|\||`+)/g, ' '),
  )
    .replace(/\s+/g, ' ')
    .trim();
}
