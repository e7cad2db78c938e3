import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const MAIN = path.resolve(__dirname, '../../server/dist/main.js');

/** The built server as a separate process, so tests can kill -9 it or send SIGTERM. */
export class ServerProcess {
  private child: ChildProcess | null = null;
  output = '';
  url = '';

  constructor(private readonly env: Record<string, string>) {}

  async start(timeoutMs = 20_000): Promise<string> {
    if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" first`);
    this.output = '';
    const child = spawn(process.execPath, [MAIN], { env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...this.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    const collect = (chunk: Buffer) => (this.output += chunk.toString());
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    this.url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start in time:\n${this.output}`)), timeoutMs);
      const check = () => {
        const match = /listening on (http:\/\/[^\s\x1b]+)/.exec(this.output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      };
      child.stdout!.on('data', check);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`server exited with ${code}:\n${this.output}`));
      });
    });
    return this.url;
  }

  /** Sends a signal and resolves with the exit code (or signal name). */
  stop(signal: NodeJS.Signals): Promise<number | string> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child?.exitCode ?? 'not running');
    return new Promise((resolve) => {
      child.once('exit', (code, sig) => resolve(code ?? sig ?? 'unknown'));
      child.kill(signal);
    });
  }
}
