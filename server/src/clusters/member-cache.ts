import type { ClusterMember } from './cluster-summary';

/**
 * The members of recently written events, as the summary reads them (figures extracted, outlet
 * and tier resolved), so that placing a story in a big event does not read and parse every one of
 * its stories again. Least recently used events leave first once more than `maxMembers` stories
 * are held; an event bigger than that is simply read again each time.
 *
 * Whoever changes what a member says (an edit, a merge, a split, an outlet regrouped) forgets the
 * events concerned; the next write reads them from the database.
 */
export class MemberCache {
  private readonly clusters = new Map<number, ClusterMember[]>();
  private held = 0;

  constructor(private readonly maxMembers = 50_000) {}

  get(clusterId: number): ClusterMember[] | undefined {
    const members = this.clusters.get(clusterId);
    if (members) {
      // Re-inserted: a Map iterates in insertion order, so the first entries are the least recently used.
      this.clusters.delete(clusterId);
      this.clusters.set(clusterId, members);
    }
    return members;
  }

  set(clusterId: number, members: ClusterMember[]): void {
    this.forget(clusterId);
    this.clusters.set(clusterId, members);
    this.held += members.length;
    for (const [id, held] of this.clusters) {
      if (this.held <= this.maxMembers) break;
      this.clusters.delete(id);
      this.held -= held.length;
    }
  }

  forget(clusterId: number): void {
    const members = this.clusters.get(clusterId);
    if (!members) return;
    this.clusters.delete(clusterId);
    this.held -= members.length;
  }

  clear(): void {
    this.clusters.clear();
    this.held = 0;
  }

  /** Stories held, for tests and figures. */
  get size(): number {
    return this.held;
  }
}
