// npm run ingest [-- [--force] <report.txt>] : parse the report, embed its rows and write data/.
// Reads .env like the bot; refuses a report that looks damaged unless --force (see integrity.ts).
import { runCli } from '../config/cli.ts';
import { DEFAULT_REPORT_PATH, loadDotEnv, resolveDataPaths } from '../config/env.ts';
import { parseEmbeddingConfig } from '../embed/config.ts';
import { loadEmbedder } from '../embed/load.ts';
import { runIngest, summarise } from './pipeline.ts';

export const DEFAULT_SEED = DEFAULT_REPORT_PATH;

const USAGE = `usage: npm run ingest [-- [--force] <report.txt>]   (default: $REPORT_PATH or ${DEFAULT_SEED}; writes $DATA_DIR or data/)`;

async function main(): Promise<number> {
  const args = process.argv.slice(2).filter((a) => a !== '--');
  const force = args.includes('--force');
  const files = args.filter((a) => a !== '--force');
  if (args.includes('--help') || files.length > 1 || files.some((a) => a.startsWith('--'))) {
    console.error(USAGE);
    return args.includes('--help') ? 0 : 2;
  }
  const log = (line: string) => console.error(line);
  loadDotEnv('.env', log);
  // All settings are checked before the embedder loads, so a typo fails at once and in one line.
  const { seedPath, dataDir, notes } = resolveDataPaths(process.env, { seedPath: files[0] });
  const config = parseEmbeddingConfig(process.env);
  for (const note of notes) log(note);
  const { embedder } = await loadEmbedder(config, log);
  log(`ingesting ${seedPath} -> ${dataDir}`);
  const result = await runIngest({ seedPath, dataDir, embedder, log, force });
  console.log(summarise(result));
  return 0;
}

// A build must not be cut short because nobody reads its progress any more.
runCli('ingest', main, { finishOnClosedPipe: true });
