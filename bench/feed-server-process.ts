import { ChildProcess, fork } from 'node:child_process';
import * as path from 'node:path';

/**
 * A feed server in its own process, so that its CPU time is not counted as the product's.
 * Serves /feed/<n>?items=<k> as RSS with an ETag; /fresh/<n>/<round> always new items.
 */
export async function startFeedServerProcess(): Promise<{ origin: string; stop(): void }> {
  const child: ChildProcess = fork(path.join(__dirname, 'feed-server-child.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve) => child.once('message', (m) => resolve((m as { port: number }).port)));
  return { origin: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}
