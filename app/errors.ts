// Failures a user causes and fixes (a setting, the report file, a concurrent ingest): said in one line, no stack
// trace. Anything else is a bug, and its stack is what a developer needs.
import { UserError } from '../config/errors.ts';
import { EmbeddingConfigError } from '../embed/config.ts';
import { EmbedderUnavailableError } from '../embed/load.ts';
import { IngestRefusedError } from '../ingest/integrity.ts';
import { ReportFormatError } from '../ingest/parse-report.ts';
import { SeedFileError } from '../ingest/pipeline.ts';
import { LockBusyError } from '../store/lock.ts';

const EXPECTED = [
  UserError,
  EmbeddingConfigError,
  EmbedderUnavailableError,
  SeedFileError,
  ReportFormatError,
  IngestRefusedError,
  LockBusyError,
];

export function isExpectedFailure(err: unknown): boolean {
  return EXPECTED.some((type) => err instanceof type);
}
