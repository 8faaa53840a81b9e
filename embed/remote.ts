// Talking to the model hub: a quick reachability probe, a fetch with "no answer" timeouts for
// transformers.js, and the download progress line. Nothing here imports transformers.js, so a start
// on a machine without network access falls back without loading the library at all.

export const DEFAULT_REMOTE_HOST = 'https://huggingface.co/';
/** Long enough for a slow TLS handshake, short enough that an unreachable hub costs a few seconds. */
export const DEFAULT_DOWNLOAD_TIMEOUT_SECONDS = 5;
/** Once bytes flow, a download only fails after this long without a single byte (never for being slow). */
export const MIN_STALL_TIMEOUT_MS = 30_000;

type FetchLike = (input: string | URL, init?: RequestInit) => Promise<Response>;

/** `<host>/<model>/resolve/<revision>/<file>`: transformers.js' default env.remotePathTemplate. */
export function remoteFileUrl(host: string, model: string, file: string, revision = 'main'): string {
  const base = host.endsWith('/') ? host : `${host}/`;
  return new URL(`${model}/resolve/${encodeURIComponent(revision)}/${file}`, base).href;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** As transformers.js does: HF_TOKEN (for gated models) is sent to the real hub only, never to a mirror. */
export function hubHeaders(url: string): Headers {
  const headers = new Headers({ 'User-Agent': 'transformers.js; peacekeeping-report-bot' });
  const token = process.env.HF_TOKEN ?? process.env.HF_ACCESS_TOKEN;
  if (token && /(^|\.)(huggingface\.co|hf\.co)$/.test(new URL(url).hostname)) headers.set('Authorization', `Bearer ${token}`);
  return headers;
}

class NoAnswerError extends Error {
  override readonly name = 'NoAnswerError';
}

/** One line for a failed request: undici hides the useful part (ENOTFOUND, ECONNREFUSED) in `cause`. */
export function describeNetworkError(err: unknown, url: string): string {
  const host = hostOf(url);
  if (err instanceof NoAnswerError) return err.message;
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string; name?: string } };
  if (e?.cause instanceof NoAnswerError) return e.cause.message;
  const code = e?.cause?.code ?? (e as { code?: string })?.code;
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot resolve ${new URL(url).hostname} (no DNS)`;
    case 'ECONNREFUSED':
      return `connection to ${host} refused`;
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return `connection to ${host} was reset`;
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
      return `${host} is unreachable`;
    case 'UND_ERR_CONNECT_TIMEOUT':
      return `no connection to ${host}`;
  }
  const detail = e?.cause?.message ?? e?.message ?? String(err);
  return `request to ${host} failed: ${detail.split('\n')[0]}`;
}

export type ProbeResult = { ok: true } | { ok: false; reason: string };

/**
 * Asks the host for the model's config.json. Only the status line is awaited (the body is dropped),
 * so this answers "can we download from here at all" within `timeoutMs`, DNS and TLS included.
 */
export async function probeHub(options: {
  host: string;
  model: string;
  timeoutMs: number;
  revision?: string;
}): Promise<ProbeResult> {
  const url = remoteFileUrl(options.host, options.model, 'config.json', options.revision);
  const controller = new AbortController();
  const seconds = options.timeoutMs / 1000;
  const timer = setTimeout(() => controller.abort(new NoAnswerError(`no answer from ${hostOf(url)} within ${seconds} s`)), options.timeoutMs);
  try {
    const response = await fetch(url, { headers: hubHeaders(url), signal: controller.signal });
    await response.body?.cancel().catch(() => undefined);
    if (response.ok) return { ok: true };
    if (response.status === 401 || response.status === 403) {
      // The hub answers 401 for a repository that does not exist too.
      return {
        ok: false,
        reason: `${hostOf(url)} refused access to ${options.model} (HTTP ${response.status}: no such model, or a gated one that needs HF_TOKEN)`,
      };
    }
    if (response.status === 404) return { ok: false, reason: `${options.model} was not found on ${hostOf(url)} (HTTP 404)` };
    return { ok: false, reason: `${hostOf(url)} answered HTTP ${response.status}` };
  } catch (err) {
    return { ok: false, reason: describeNetworkError(controller.signal.aborted ? controller.signal.reason : err, url) };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Wraps fetch for transformers.js downloads: a request with no response headers after `firstByteMs`
 * is aborted ("cannot connect / no answer"), and so is a body that delivers no bytes for `stallMs`;
 * a slow download that keeps delivering bytes is never cut off.
 */
export function fetchWithTimeouts(base: FetchLike, options: { firstByteMs: number; stallMs: number }): FetchLike {
  return async (input, init) => {
    const url = String(input);
    const controller = new AbortController();
    init?.signal?.addEventListener('abort', () => controller.abort(init.signal?.reason), { once: true });
    let timer = setTimeout(
      () => controller.abort(new NoAnswerError(`no answer from ${hostOf(url)} within ${options.firstByteMs / 1000} s`)),
      options.firstByteMs,
    );
    // Unref'd: an abandoned body (transformers.js drops the body of a 404) must not keep the process alive.
    timer.unref();
    let response: Response;
    try {
      response = await base(input, { ...init, signal: controller.signal });
    } catch (err) {
      clearTimeout(timer);
      throw new Error(describeNetworkError(controller.signal.aborted ? controller.signal.reason : err, url), { cause: err });
    }
    clearTimeout(timer);
    if (response.body === null) return response;
    const armStall = () => {
      clearTimeout(timer);
      timer = setTimeout(
        () => controller.abort(new NoAnswerError(`download from ${hostOf(url)} stalled (no data for ${options.stallMs / 1000} s)`)),
        options.stallMs,
      );
      timer.unref();
    };
    armStall();
    const reader = response.body.getReader();
    // Re-wrapped so a broken-off body fails with one readable line ("stalled", "reset") instead of "terminated".
    const watched = new ReadableStream<Uint8Array>({
      async pull(out) {
        try {
          const { done, value } = await reader.read();
          if (done) {
            clearTimeout(timer);
            out.close();
            return;
          }
          armStall();
          out.enqueue(value);
        } catch (err) {
          clearTimeout(timer);
          out.error(new Error(describeNetworkError(controller.signal.aborted ? controller.signal.reason : err, url), { cause: err }));
        }
      },
      cancel(reason) {
        clearTimeout(timer);
        return reader.cancel(reason);
      },
    });
    return new Response(watched, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

/** The subset of transformers.js' ProgressInfo the progress line needs. */
export interface DownloadProgress {
  status: string;
  file?: string;
  progress?: number;
  loaded?: number;
  total?: number;
}

// Decimal megabytes, as the hub shows file sizes.
const MB = 1_000_000;

function formatSize(bytes: number): string {
  return bytes >= MB ? `${(bytes / MB).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1000))} KB`;
}

/**
 * "downloading <model>: <file> 40 %" at each 10 % step of each file (or every 10 MB when the size is
 * unknown), so a 118 MB download logs about ten lines, not thousands of chunk events.
 */
export function progressLogger(model: string, log: (line: string) => void): (info: DownloadProgress) => void {
  const lastStep = new Map<string, number>();
  return (info) => {
    if (info.status !== 'progress' || info.file === undefined) return;
    const { file, loaded = 0, total = 0 } = info;
    const known = total > 0;
    const step = known ? Math.floor(((info.progress ?? (loaded / total) * 100) + 1e-9) / 10) : Math.floor(loaded / (10 * MB));
    const previous = lastStep.get(file);
    if (previous !== undefined && step <= previous) return;
    // A file's first event is logged only when it is already a step in (or complete): no "0 %" lines.
    if (previous === undefined && step === 0) {
      lastStep.set(file, 0);
      return;
    }
    lastStep.set(file, step);
    log(
      known
        ? `downloading ${model}: ${file} ${Math.min(100, step * 10)} % of ${formatSize(total)}`
        : `downloading ${model}: ${file} ${formatSize(loaded)}`,
    );
  };
}
