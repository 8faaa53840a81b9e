// How a command-line entry point ends. Output piped into another program must arrive whole: process.exit()
// right after the last write drops whatever the pipe had not yet taken (everything past 64 KiB when the
// reader is slower), so the exit waits until stdout and stderr have handed their data to the OS. A reader that
// stops early (`| head`) closes the pipe: that is the reader's choice, not an error, so it ends quietly.

type Stream = NodeJS.WriteStream;

/** The first line of an error's message: what a user needs, without a stack trace. */
export function oneLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0] ?? text;
}

/** Exits 0 without a word when the reader of `stream` goes away (EPIPE); other write errors exit 1 in one line. */
export function endQuietlyOnClosedPipe(stream: Stream = process.stdout): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    process.stderr.write(`output error: ${oneLine(err)}\n`);
    process.exit(1);
  });
}

/**
 * For a command whose work matters more than its output (an ingest writing data/): a reader that goes away
 * (`npm run ingest 2>&1 | head`) mutes the output and the work goes on to the end. Exiting at the EPIPE, as
 * endQuietlyOnClosedPipe does, would stop a build half-written, its lock held.
 */
export function muteOnClosedPipe(stream: Stream): void {
  stream.on('error', () => {
    // Nowhere left to say anything about the stream's own failure; the exit code still tells the result.
  });
}

/** Resolves once everything written to `stream` so far has been handed to the OS (or the stream is gone). */
export function flushed(stream: Stream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || !stream.writable) return resolve();
    // Writes complete in order, so the callback of an empty write runs after all earlier writes completed.
    stream.write('', () => resolve());
  });
}

/** Sets the exit code, waits for stdout and stderr to drain, then exits (a lingering handle cannot keep it up). */
export async function exitWhenFlushed(code: number): Promise<never> {
  process.exitCode = code;
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit(code);
}

/**
 * Runs a command's main function: its result is the exit code; a thrown error becomes one line
 * `<name>: <message>` and exit code 1. Output is complete and a closed pipe is quiet (see above).
 */
export function runCli(name: string, main: () => Promise<number>, options: { finishOnClosedPipe?: boolean } = {}): void {
  if (options.finishOnClosedPipe) {
    muteOnClosedPipe(process.stdout);
    muteOnClosedPipe(process.stderr);
  } else endQuietlyOnClosedPipe(process.stdout);
  main().then(
    (code) => exitWhenFlushed(code),
    (err: unknown) => {
      process.stderr.write(`${name}: ${oneLine(err)}\n`);
      return exitWhenFlushed(1);
    },
  );
}
