// `npm run feedback -- export out.jsonl [--down]`: the stored 👍/👎 votes (STATE_BACKEND / STATE_PATH, as the
// bot uses them) as question-file lines for ../shared/eval, `expect` left for a human to fill in.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadDotEnv } from '../bot/gateway/config.ts';
import { feedbackJsonl } from '../bot/feedback-export.ts';
import { openStateStoreFromEnv } from '../state/open.ts';

const USAGE = 'usage: npm run feedback -- export <out.jsonl> [--down | --up]   (writes "-" to stdout)';

export async function runFeedback(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
  out: (text: string) => void = (t) => process.stdout.write(t),
  say: (line: string) => void = (line) => process.stderr.write(line + '\n'),
): Promise<number> {
  const args = argv.filter((a) => a !== '--');
  const [command, file, ...flags] = args.filter((a) => !a.startsWith('--') || a === '-');
  const only = args.includes('--down') ? 'down' : args.includes('--up') ? 'up' : undefined;
  if (command !== 'export' || !file || flags.length > 0) {
    process.stderr.write(USAGE + '\n');
    return 2;
  }
  let store;
  try {
    store = await openStateStoreFromEnv(env, { log: say });
  } catch (error) {
    // A bad setting, a file that cannot be opened, Redis unreachable: one line that names it, no stack.
    if (error instanceof Error) {
      say(error.message.split('\n')[0] ?? error.message);
      return 1;
    }
    throw error;
  }
  try {
    const entries = await store.listFeedback();
    const text = feedbackJsonl(entries, only);
    const n = text ? text.trimEnd().split('\n').length : 0;
    if (file === '-') out(text);
    else {
      writeFileSync(resolve(file), text);
      say(`${n} vote${n === 1 ? '' : 's'} → ${resolve(file)}`);
    }
    return 0;
  } finally {
    await store.close();
  }
}

if (process.argv[1] && import.meta.url === (await import('node:url')).pathToFileURL(process.argv[1]).href) {
  loadDotEnv('.env', (line) => process.stderr.write(line + '\n'));
  process.exit(await runFeedback(process.argv.slice(2)));
}
