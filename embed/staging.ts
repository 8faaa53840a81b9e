// Downloads land in a staging folder inside the cache and are moved into `<cache>/<model>/` only after
// the model has loaded and produced an embedding. transformers.js writes each file atomically, but not
// the set: without staging, an interrupted or corrupt download would leave files that later starts
// (which load whatever is present, offline) would trust.
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';

const STAGING_DIR = '.partial';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes staging folders left by processes that died mid-download, then makes one for this process. */
export async function createStagingDir(cacheDir: string): Promise<string> {
  const parent = path.join(cacheDir, STAGING_DIR);
  const leftovers = await readdir(parent).catch(() => [] as string[]);
  await Promise.all(
    leftovers.map(async (name) => {
      const pid = Number(/^(\d+)-/.exec(name)?.[1]);
      // Another process downloading into the same cache keeps its folder.
      if (Number.isInteger(pid) && pid !== process.pid && isRunning(pid)) return;
      await rm(path.join(parent, name), { recursive: true, force: true });
    }),
  );
  const dir = path.join(parent, `${process.pid}-${randomBytes(4).toString('hex')}`);
  await mkdir(dir, { recursive: true });
  return dir;
}

async function listFiles(root: string, rel = ''): Promise<string[]> {
  const entries = await readdir(path.join(root, rel), { withFileTypes: true }).catch(() => []);
  const files: string[] = [];
  for (const entry of entries) {
    const child = path.join(rel, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(root, child)));
    // transformers.js' own `<file>.tmp.<pid>.<rand>` leftovers are never promoted.
    else if (entry.isFile() && !/\.tmp\.\d+\.[a-z0-9]+$/.test(entry.name)) files.push(child);
  }
  return files;
}

/**
 * Moves `<staging>/<model>/**` to `<cacheDir>/<model>/**` (renames within one file system, so each
 * file appears whole). Returns the moved paths relative to the model folder.
 */
export async function promoteStaged(stagingDir: string, cacheDir: string, model: string): Promise<string[]> {
  const from = path.join(stagingDir, ...model.split('/'));
  const to = path.join(cacheDir, ...model.split('/'));
  const files = await listFiles(from);
  for (const file of files) {
    await mkdir(path.dirname(path.join(to, file)), { recursive: true });
    await rename(path.join(from, file), path.join(to, file));
  }
  return files;
}
