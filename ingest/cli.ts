// npm run ingest [-- [--force] <report.txt>] : parse the report, embed its rows and write data/.
// A report that looks damaged is refused unless --force (see integrity.ts).
import { resolve } from 'node:path';
import { parseEmbeddingConfig } from '../embed/config.ts';
import { loadEmbedder } from '../embed/load.ts';
import { runIngest, summarise } from './pipeline.ts';

export const DEFAULT_SEED = 'seeds/a-69-653-budget-performance-2013-14.zh.txt';

async function main(): Promise<number> {
  const args = process.argv.slice(2).filter((a) => a !== '--');
  const force = args.includes('--force');
  const files = args.filter((a) => a !== '--force');
  if (args.includes('--help') || files.length > 1 || files.some((a) => a.startsWith('--'))) {
    console.error('usage: npm run ingest [-- [--force] <report.txt>]   (default: ' + DEFAULT_SEED + '; writes data/)');
    return args.includes('--help') ? 0 : 2;
  }
  const seedPath = resolve(files[0] ?? (process.env.REPORT_PATH || DEFAULT_SEED));
  const dataDir = resolve(process.env.DATA_DIR ?? 'data');
  const config = parseEmbeddingConfig(process.env);
  const { embedder } = await loadEmbedder(config, (line) => console.error(line));
  console.error(`ingesting ${seedPath} -> ${dataDir}`);
  const result = await runIngest({ seedPath, dataDir, embedder, log: (line) => console.error(line), force });
  console.log(summarise(result));
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`ingest failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
