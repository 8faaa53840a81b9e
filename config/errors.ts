// The one error class for failures a user causes and fixes — a setting, a file, a name typed wrong — as
// opposed to bugs. Entry points print its message as one line (no stack trace) and exit 1; it carries the
// message in both languages, and the variable it is about when there is one.

export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(
    /** The English line (also `message`, what logs and the CLIs print). */
    en: string,
    /** The same in Chinese; the English line where no translation was written. */
    readonly zh: string = en,
    /** The setting it names (DISCORD_TOKEN, REPORT_PATH…), if any. */
    readonly variable: string | null = null,
  ) {
    super(en);
  }

  /** The message in `language`. */
  in(language: 'zh' | 'en'): string {
    return language === 'zh' ? this.zh : this.message;
  }
}

/** A bad setting, named: "Invalid configuration: PORT must be 0-65535" / "配置无效：PORT must be 0-65535". */
export function configError(variable: string, detail: string): UserError {
  return new UserError(`Invalid configuration: ${variable} ${detail}`, `配置无效：${variable} ${detail}`, variable);
}

/**
 * Every bad setting of a schema check, one line per variable (its first problem) in the schema's order, so one run
 * names everything to fix.
 */
export function configErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[]): UserError {
  const byVariable = new Map<string, string>();
  for (const issue of issues) {
    const variable = String(issue.path[0] ?? 'environment');
    if (!byVariable.has(variable)) byVariable.set(variable, issue.message);
  }
  const entries = [...byVariable];
  const en = entries.map(([variable, message]) => `Invalid configuration: ${variable} ${message}`).join('\n');
  const zh = entries.map(([variable, message]) => `配置无效：${variable} ${message}`).join('\n');
  return new UserError(en, zh, entries.length === 1 ? entries[0]![0] : null);
}
