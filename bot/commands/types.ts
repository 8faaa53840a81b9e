// The shape of one slash-command module (discord.js guide style): its registration JSON and its handlers,
// which take plain data (InteractionInput) and answer through a Responder, whatever the transport.
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { Language } from '../../retrieval/types.ts';
import type { BotContext } from '../context.ts';
import type { InteractionHandler, InteractionInput } from '../interactions/types.ts';

export interface SlashCommand {
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  execute: InteractionHandler<BotContext>;
  autocomplete?: InteractionHandler<BotContext>;
}

/** Discord client locale → answer language for commands that have no question text to detect it from. */
export function localeLanguage(locale: string | null | undefined): Language {
  return locale?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** A string option, trimmed; undefined when absent or empty. */
export function stringOption(input: InteractionInput, name: string): string | undefined {
  const v = input.options[name];
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  return t === '' ? undefined : t;
}

/**
 * The answer language of a command: a name typed in Latin words answers in English; Chinese, a bare code
 * ("A-b") or nothing typed answers in the report's language (as the engine's own commands do).
 */
export function typedLanguage(typed: string | undefined, _locale: string | null): Language {
  if (typed && /[\u4e00-\u9fff]/.test(typed)) return 'zh';
  if (typed && /[A-Za-z]{3,}/.test(typed) && !/^[A-Z](-[a-z])?$/.test(typed)) return 'en';
  return 'zh';
}
