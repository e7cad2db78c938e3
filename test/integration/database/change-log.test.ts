import { appendChanges, ChangeLogReader } from '../../../server/src/database/change-log';
import { openDatabase } from '../../../server/src/database/data-source';
import { Database } from '../../../server/src/database/database';
import { testConfig, testDatabase, TEST_DATABASE } from '../../support/test-database';

describe(`change log (${TEST_DATABASE})`, () => {
  it('numbers changes in order, replays what follows an id, and prunes old entries but never the newest', async () => {
    const db = testDatabase();
    const database = new Database(await openDatabase(testConfig(db).database));
    try {
      const day = 86_400_000;
      const now = Date.now();
      const old = await database.write((m) => appendChanges(m, [{ kind: 'story:new', subjectId: 1 }, { kind: 'story:new', subjectId: 2 }], now - 10 * day));
      const recent = await database.write((m) => appendChanges(m, [{ kind: 'feed:health', subjectId: 7 }], now));
      expect(old[1]).toBe(old[0] + 1);
      expect(recent[0]).toBeGreaterThan(old[1]);
      const log = new ChangeLogReader(database);
      expect((await log.after(old[0], 10)).map((e) => [e.kind, e.subjectId])).toEqual([['story:new', 2], ['feed:health', 7]]);
      expect(await log.prune(now - 7 * day)).toBe(2);
      expect(await log.oldestId()).toBe(recent[0]);
      // Even when everything is old, the newest entry stays, so ids keep growing after a restart.
      expect(await log.prune(now + day)).toBe(0);
      expect(await log.latestId()).toBe(recent[0]);
    } finally {
      await database.close();
      await db.cleanup();
    }
  });
});
