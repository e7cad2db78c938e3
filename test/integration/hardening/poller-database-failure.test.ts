import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { testDatabase, TEST_DATABASE, type TestDatabase } from '../../support/test-database';

const ROOT = path.resolve(__dirname, '../../..');
const FIXTURE = path.join(__dirname, 'fixtures/poll-with-failing-database.ts');

/** Runs the fixture as a real Node 20 process, where an unhandled rejection would end it. */
function runFixture(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', 'ts-node/register', FIXTURE], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        NO_COLOR: '1',
        TS_NODE_PROJECT: path.join(ROOT, 'test/tsconfig.json'),
        TS_NODE_TRANSPILE_ONLY: 'true',
        TS_NODE_COMPILER_OPTIONS: JSON.stringify({ rootDir: ROOT }),
        DATABASE_ENV: JSON.stringify(env),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the fixture did not finish in time:\n${output}`));
    }, 90_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe(`a database failure in the poller's error path (${TEST_DATABASE})`, () => {
  let db: TestDatabase;

  beforeAll(() => {
    db = testDatabase();
  });

  afterAll(async () => {
    await db?.cleanup();
  });

  it('is logged, never an unhandled rejection: the process stays up and keeps answering HTTP', async () => {
    const { code, output } = await runFixture(db.env);
    expect(output).not.toContain('UNHANDLED REJECTION');
    expect(code).toBe(0);
    const result = JSON.parse(/^RESULT (.*)$/m.exec(output)?.[1] ?? 'null') as { failedPolls: number; healthStatus: number; health: string } | null;
    expect(result).toMatchObject({ failedPolls: 1, healthStatus: 200 });
    expect(JSON.parse(result!.health)).toEqual({ status: 'degraded' });
    expect(output).toMatch(/\[FeedPoller\].*could not record the failed poll/);
  }, 120_000);
});
