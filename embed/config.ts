// Embedding settings read from the environment. Parsing config and choosing the local embedder
// must stay cheap: transformers.ts only type-imports @huggingface/transformers, so importing its
// constants here does not load the library.
import { z } from 'zod';
import { DEFAULT_LOCAL_DIMENSIONS } from './local-ngram.ts';
import { DEFAULT_EMBEDDING_MODEL, DEFAULT_MODEL_CACHE_DIR, EMBEDDING_DTYPES } from './transformers.ts';
import { DEFAULT_DOWNLOAD_TIMEOUT_SECONDS, DEFAULT_REMOTE_HOST } from './remote.ts';

export const EMBEDDER_MODES = ['auto', 'transformers', 'local'] as const;
export type EmbedderMode = (typeof EMBEDDER_MODES)[number];

/**
 * auto: download the model once when it is not on disk, and fall back (EMBEDDER=auto) if that fails;
 * true: the download is required, a failure stops the start; false: never touch the network.
 */
export type RemoteModelsMode = 'auto' | 'true' | 'false';
// 1/0 are accepted because the variable used to be a plain boolean.
const REMOTE_VALUES = ['auto', 'true', 'false', '1', '0'] as const;

// `FOO=` in a .env file means "not set", not "set to the empty string".
const blankToUndefined = (v: unknown): unknown => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const normalizedWord = (v: unknown): unknown => {
  const b = blankToUndefined(v);
  return typeof b === 'string' ? b.trim().toLowerCase() : b;
};
const trimmed = (v: unknown): unknown => {
  const b = blankToUndefined(v);
  return typeof b === 'string' ? b.trim() : b;
};

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

const oneOf = (values: readonly string[]) => (iss: { input?: unknown }) =>
  `must be one of ${values.join(' | ')}, got ${JSON.stringify(iss.input)}`;

export const EmbeddingConfigSchema = z.object({
  EMBEDDER: z.preprocess(normalizedWord, z.enum(EMBEDDER_MODES, { error: oneOf(EMBEDDER_MODES) }).default('auto')),
  EMBEDDING_MODEL: z.preprocess(trimmed, z.string().default(DEFAULT_EMBEDDING_MODEL)),
  EMBEDDING_DTYPE: z.preprocess(
    normalizedWord,
    z.enum(EMBEDDING_DTYPES, { error: oneOf(EMBEDDING_DTYPES) }).default('auto'),
  ),
  MODEL_CACHE_DIR: z.preprocess(trimmed, z.string().default(DEFAULT_MODEL_CACHE_DIR)),
  LOCAL_MODEL_DIR: z.preprocess(trimmed, z.string().optional()),
  ALLOW_REMOTE_MODELS: z.preprocess(
    normalizedWord,
    z
      .enum(REMOTE_VALUES, { error: oneOf(REMOTE_VALUES) })
      .default('auto')
      .transform((v): RemoteModelsMode => (v === '1' ? 'true' : v === '0' ? 'false' : v)),
  ),
  MODEL_REMOTE_HOST: z.preprocess(
    trimmed,
    z
      .string()
      .default(DEFAULT_REMOTE_HOST)
      .refine(isHttpUrl, { error: (iss) => `must be an http(s) URL such as ${DEFAULT_REMOTE_HOST}, got ${JSON.stringify(iss.input)}` })
      // transformers.js appends `{model}/resolve/{revision}/` to it; one trailing slash keeps a mirror's path prefix.
      .transform((v) => (v.endsWith('/') ? v : `${v}/`)),
  ),
  MODEL_DOWNLOAD_TIMEOUT_SECONDS: z.preprocess(
    trimmed,
    z
      .string()
      .regex(/^\d+(\.\d+)?$/, { error: (iss) => `must be a number of seconds, got ${JSON.stringify(iss.input)}` })
      .default(String(DEFAULT_DOWNLOAD_TIMEOUT_SECONDS))
      .transform(Number)
      .pipe(z.number().min(0.1, { error: 'must be at least 0.1' }).max(600, { error: 'must be at most 600' })),
  ),
  LOCAL_EMBEDDING_DIMENSIONS: z.preprocess(
    trimmed,
    z
      .string()
      .regex(/^\d+$/, { error: (iss) => `must be a whole number, got ${JSON.stringify(iss.input)}` })
      .default(String(DEFAULT_LOCAL_DIMENSIONS))
      .transform(Number)
      .pipe(z.number().min(8, { error: 'must be at least 8' }).max(65536, { error: 'must be at most 65536' })),
  ),
});

export type EmbeddingConfig = z.output<typeof EmbeddingConfigSchema>;
export type EmbeddingConfigInput = Partial<Record<keyof EmbeddingConfig, string | undefined>>;

export class EmbeddingConfigError extends Error {
  override readonly name = 'EmbeddingConfigError';
  constructor(readonly problems: string[]) {
    super(`Invalid embedding configuration: ${problems.join('; ')}`);
  }
}

/** Reads only the embedding variables from `env`; errors name the offending variable. */
export function parseEmbeddingConfig(env: NodeJS.ProcessEnv | EmbeddingConfigInput): EmbeddingConfig {
  const picked: Record<string, string | undefined> = {};
  for (const key of Object.keys(EmbeddingConfigSchema.shape)) picked[key] = (env as Record<string, string | undefined>)[key];
  const result = EmbeddingConfigSchema.safeParse(picked);
  if (!result.success) {
    throw new EmbeddingConfigError(
      result.error.issues.map((issue) => `${issue.path.map(String).join('.') || '(config)'} ${issue.message}`),
    );
  }
  return result.data;
}
