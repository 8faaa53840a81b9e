// npm run ask -- "<question>"          the answer as the bot shows it (text)
// npm run ask -- --json "<question>"   one JSON object {intent, total, rows, text, …}
// npm run ask -- --json               questions from stdin, one per line; one JSON object per line
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { openReportEngine } from './open.ts';
import type { Answer } from '../retrieval/types.ts';

const QuestionSchema = z.string().trim().min(1, 'empty question').max(2000, 'question longer than 2000 characters');

const toJson = (a: Answer) =>
  JSON.stringify({ intent: a.intent, total: a.total, rows: a.rows, text: a.text, language: a.language, filters: a.filters, breakdown: a.breakdown });

async function main(): Promise<number> {
  const args = process.argv.slice(2).filter((a) => a !== '--');
  const json = args.includes('--json');
  const words = args.filter((a) => a !== '--json');
  if (args.includes('--help')) {
    console.error('usage: npm run ask -- [--json] "<question>"   (with --json and no question: one question per stdin line)');
    return 0;
  }
  const engine = await openReportEngine();
  if (words.length > 0) {
    const q = QuestionSchema.safeParse(words.join(' '));
    if (!q.success) {
      console.error(`ask: ${q.error.issues[0]?.message ?? 'invalid question'}`);
      return 2;
    }
    const answer = await engine.ask(q.data);
    console.log(json ? toJson(answer) : answer.text);
    return 0;
  }
  if (!json) {
    console.error('usage: npm run ask -- [--json] "<question>"');
    return 2;
  }
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of rl) {
    const q = QuestionSchema.safeParse(line);
    // One output line per input line, so answers stay aligned with questions even for blank input.
    if (!q.success) {
      console.log(JSON.stringify({ intent: 'none', total: 0, rows: [], text: '', error: q.error.issues[0]?.message }));
      continue;
    }
    try {
      console.log(toJson(await engine.ask(q.data)));
    } catch (err) {
      console.log(JSON.stringify({ intent: 'none', total: 0, rows: [], text: '', error: err instanceof Error ? err.message : String(err) }));
    }
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`ask failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
