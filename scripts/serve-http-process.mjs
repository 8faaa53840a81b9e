// Starts `npm run serve:http`'s command directly (npm itself would die of a SIGTERM meant for the server and
// hide its exit code), with a test key pair, a local REST stub and its own data dir. Used by check-http and
// load-http.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export function spawnServeHttp({ port, publicKeyHex, applicationId, restPort, dataDir, token, stdio, extraEnv = {} }) {
  // The script is `exec node …`: `exec` is the shell's (it makes node npm's own child), not a program.
  const [command, ...args] = JSON.parse(readFileSync('package.json', 'utf8')).scripts['serve:http'].replace(/^exec\s+/, '').split(/\s+/);
  return spawn(command, args, {
    env: {
      ...process.env,
      PATH: `${join(process.cwd(), 'node_modules', '.bin')}${delimiter}${process.env.PATH ?? ''}`,
      DISCORD_PUBLIC_KEY: publicKeyHex,
      DISCORD_APPLICATION_ID: applicationId,
      DISCORD_TOKEN: token,
      DISCORD_API_URL: `http://127.0.0.1:${restPort}/api`,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      EMBEDDER: process.env.EMBEDDER ?? 'local',
      // The load-balancer window after SIGTERM; these scripts have no load balancer to wait for.
      HTTP_SHUTDOWN_GRACE_SECONDS: process.env.HTTP_SHUTDOWN_GRACE_SECONDS ?? '0',
      ...extraEnv,
    },
    stdio,
  });
}
