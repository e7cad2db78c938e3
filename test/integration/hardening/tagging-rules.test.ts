import type { ApiError, AuditEntry, Page, RetagJob, TaggingRules } from '@sentinel/shared';
import { Database } from '../../../server/src/database/database';
import { TaggingRulesEntity } from '../../../server/src/database/entities';
import { KEPT_RULE_VERSIONS } from '../../../server/src/tagging/tagging.service';
import { type RunningApp, startTestApp, testConfig, testDatabase, TEST_DATABASE, type TestDatabase, waitFor } from '../../support/harness';

/** A word of 17 alternatives: "x0|x1|...|xg". */
const alternatives = (prefix: string) => Array.from({ length: 17 }, (_, i) => `${prefix}${i.toString(36)}`).join('|');

/**
 * About 195 KB of rule lines that each stay under the per-phrase bound (17 x 17 x 17 = 4,913
 * forms) but together stand for six million phrases: before the file bound it took seconds and
 * more than a gigabyte to parse.
 */
function multiplyingRules(): string {
  const lines = ['topic hostile'];
  const line = `3  ${alternatives('x')} ${alternatives('y')} ${alternatives('z')}`;
  while (lines.join('\n').length < 195_000) lines.push(line);
  return lines.join('\n');
}

let db: TestDatabase;
let app: RunningApp;

beforeAll(async () => {
  db = testDatabase();
  app = await startTestApp(testConfig(db, { POLLING_ENABLED: 'false' }));
});

afterAll(async () => {
  await app?.close();
  await db?.cleanup();
});

const savedVersions = () => app.app.get(Database).dataSource.getRepository(TaggingRulesEntity).count();

describe(`tagging rule files (${TEST_DATABASE})`, () => {
  it('refuses, within a second and naming the line, a file whose alternatives multiply to millions of phrases; the old rules stay active', async () => {
    const custom = `${(await app.api<TaggingRules>('GET', '/api/tagging/rules')).body.text}\n\ntopic wildlife\n3 zebra*\n`;
    expect((await app.api('PUT', '/api/tagging/rules', { text: custom })).status).toBe(200);
    const before = (await app.api<TaggingRules>('GET', '/api/tagging/rules')).body;

    const started = Date.now();
    const refused = await app.api<ApiError>('PUT', '/api/tagging/rules', { text: multiplyingRules() });
    const elapsedMs = Date.now() - started;

    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/^the rule file was not saved; the previous rules stay active\. line 22: the file expands to more than 100000 forms in all by this line/);
    expect(elapsedMs).toBeLessThan(1000);
    expect((await app.api<TaggingRules>('GET', '/api/tagging/rules')).body).toEqual(before);
    expect((await app.api<{ topics: { id: string }[] }>('GET', '/api/taxonomy')).body.topics.map((t) => t.id)).toContain('wildlife');
  });

  it(`keeps only the last ${KEPT_RULE_VERSIONS} saved rule files`, async () => {
    for (let version = 1; version <= KEPT_RULE_VERSIONS + 3; version++) {
      const saved = await app.api<TaggingRules>('PUT', '/api/tagging/rules', { text: `topic version-${version}\n3 escape*\n` });
      expect(saved.status).toBe(200);
    }
    expect(await savedVersions()).toBe(KEPT_RULE_VERSIONS);
    expect((await app.api<TaggingRules>('GET', '/api/tagging/rules')).body.text).toBe(`topic version-${KEPT_RULE_VERSIONS + 3}\n3 escape*\n`);
    // The newest of them is what a restart activates.
    await app.close();
    app = await startTestApp(testConfig(db, { POLLING_ENABLED: 'false' }));
    expect((await app.api<TaggingRules>('GET', '/api/tagging/rules')).body.text).toBe(`topic version-${KEPT_RULE_VERSIONS + 3}\n3 escape*\n`);
  });

  it('records who saved rules and who started a re-tag in the audit log', async () => {
    expect((await app.api<RetagJob>('POST', '/api/tagging/retag', { since: '2026-01-01T00:00:00Z' })).status).toBe(202);
    await waitFor(async () => (await app.api<RetagJob>('GET', '/api/tagging/retag')).body.state === 'done', 10_000, 're-tag to finish');
    const audit = (await app.api<Page<AuditEntry>>('GET', '/api/audit?limit=200')).body.items;
    const rules = audit.filter((e) => e.action === 'tagging.rules');
    expect(rules).toHaveLength(KEPT_RULE_VERSIONS + 4);
    expect(rules[0]).toMatchObject({ actor: 'admin@sentinel.test', subjectType: 'tagging', detail: expect.stringMatching(/^saved topic rules \(\d+ lines\)$/) });
    expect(audit.find((e) => e.action === 'tagging.retag')).toMatchObject({ actor: 'admin@sentinel.test', detail: 're-tag of stories published since 2026-01-01T00:00:00.000Z' });
  });
});
