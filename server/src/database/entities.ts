import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { epochMs } from './columns';

export type FeedStatus = 'pending' | 'ok' | 'stale' | 'error';

@Entity('feeds')
export class FeedEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Index('feeds_url_unique', { unique: true })
  @Column({ type: 'varchar', length: 2048 }) url!: string;
  @Column({ type: 'varchar', length: 500 }) title!: string;
  /** True when a person named the feed; the feed's own title then never overwrites it. */
  @Column({ name: 'title_from_user', type: 'boolean', default: false }) titleFromUser!: boolean;
  @Column({ name: 'site_url', type: 'varchar', length: 2048, nullable: true }) siteUrl!: string | null;
  @Column({ name: 'feed_group', type: 'varchar', length: 200, nullable: true }) group!: string | null;
  @Column({ type: 'boolean', default: true }) enabled!: boolean;
  /** A fixed interval chosen by a person; null lets the scheduler adapt. */
  @Column({ name: 'interval_sec', type: 'integer', nullable: true }) intervalSec!: number | null;
  @Column({ type: 'varchar', length: 16, default: 'pending' }) status!: FeedStatus;
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError!: string | null;
  @Column({ name: 'last_polled_at', type: 'bigint', nullable: true, transformer: epochMs }) lastPolledAt!: number | null;
  @Column({ name: 'last_success_at', type: 'bigint', nullable: true, transformer: epochMs }) lastSuccessAt!: number | null;
  @Column({ name: 'latest_item_at', type: 'bigint', nullable: true, transformer: epochMs }) latestItemAt!: number | null;
  @Index('feeds_next_poll_idx')
  @Column({ name: 'next_poll_at', type: 'bigint', transformer: epochMs }) nextPollAt!: number;
  @Column({ name: 'failing_since', type: 'bigint', nullable: true, transformer: epochMs }) failingSince!: number | null;
  @Column({ name: 'consecutive_failures', type: 'integer', default: 0 }) consecutiveFailures!: number;
  /** Smoothed time between the feed's new stories, the basis of adaptive polling and staleness. */
  @Column({ name: 'publish_interval_sec', type: 'integer', nullable: true }) publishIntervalSec!: number | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) etag!: string | null;
  @Column({ name: 'last_modified', type: 'varchar', length: 100, nullable: true }) lastModified!: string | null;
  /** The URL the feed had before a permanent redirect moved it. */
  @Column({ name: 'moved_from', type: 'varchar', length: 2048, nullable: true }) movedFrom!: string | null;
  /** The outlet its stories count as (clusters/outlets.ts); null: derived from the site's domain. */
  @Column({ type: 'varchar', length: 253, nullable: true }) outlet!: string | null;
  /** What kind of source it is (shared SourceTier); null: the default for its outlet. */
  @Column({ type: 'varchar', length: 16, nullable: true }) tier!: string | null;
  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs }) createdAt!: number;
}

@Entity('stories')
// Full-text index over search_text built by the migration (FTS5 table on SQLite, GIN expression index on Postgres).
@Index('stories_search_idx', { synchronize: false })
@Index('stories_published_idx', ['publishedAt', 'id'])
export class StoryEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Index('stories_canonical_url_unique', { unique: true })
  @Column({ name: 'canonical_url', type: 'varchar', length: 2048, nullable: true }) canonicalUrl!: string | null;
  @Column({ type: 'varchar', length: 2048, nullable: true }) url!: string | null;
  @Column({ type: 'varchar', length: 500 }) title!: string;
  @Column({ type: 'text' }) summary!: string;
  @Column({ name: 'published_at', type: 'bigint', transformer: epochMs }) publishedAt!: number;
  @Index('stories_first_seen_idx')
  @Column({ name: 'first_seen_at', type: 'bigint', transformer: epochMs }) firstSeenAt!: number;
  @Column({ name: 'updated_at', type: 'bigint', transformer: epochMs }) updatedAt!: number;
  /** The feed that first brought the story; null once that feed is deleted (the story stays). */
  @Index('stories_feed_idx')
  @Column({ name: 'feed_id', type: 'integer', nullable: true }) feedId!: number | null;
  @ManyToOne(() => FeedEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'feed_id' })
  feed?: FeedEntity | null;
  @Column({ name: 'feed_title', type: 'varchar', length: 500 }) feedTitle!: string;
  /** Regions, topics, places and the evidence for each, as JSON (StoryTags). */
  @Column({ type: 'text', default: '{"regions":[],"topics":[],"places":[],"why":[]}' }) tags!: string;
  /**
   * Title and summary as the shared normaliser folds them (`normaliseText`), written with them;
   * both databases' full-text search reads this column, so they find the same stories.
   */
  @Column({ name: 'search_text', type: 'text', default: '' }) searchText!: string;
  /** The event the story belongs to (clusters/); null until clustered. No foreign key: clusters are rewritten by merges. */
  @Index('stories_cluster_idx')
  @Column({ name: 'cluster_id', type: 'integer', nullable: true }) clusterId!: number | null;
  /** The earlier story of another outlet this one is a near-duplicate of. */
  @Column({ name: 'copy_of', type: 'integer', nullable: true }) copyOf!: number | null;
}

/** One outlet's copy of a story: the unit of de-duplication within a feed. */
@Entity('story_sources')
@Index('story_sources_feed_guid_unique', ['feedId', 'guidKey'], { unique: true })
export class StorySourceEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Index('story_sources_story_idx')
  @Column({ name: 'story_id', type: 'integer' }) storyId!: number;
  @ManyToOne(() => StoryEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'story_id' })
  story?: StoryEntity;
  @Column({ name: 'feed_id', type: 'integer', nullable: true }) feedId!: number | null;
  @ManyToOne(() => FeedEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'feed_id' })
  feed?: FeedEntity | null;
  @Column({ name: 'feed_title', type: 'varchar', length: 500 }) feedTitle!: string;
  @Column({ name: 'guid_key', type: 'varchar', length: 600 }) guidKey!: string;
  @Column({ type: 'varchar', length: 2048, nullable: true }) url!: string | null;
  /** Hash of the copy's title and summary: a change means the outlet edited the story. */
  @Column({ name: 'content_hash', type: 'varchar', length: 64 }) contentHash!: string;
  @Column({ name: 'first_seen_at', type: 'bigint', transformer: epochMs }) firstSeenAt!: number;
}



/**
 * One country, macro-region or topic of a story, for filtering (see stories/story-filter-sql.ts);
 * the story's full tags (with evidence) are in `stories.tags`.
 */
@Entity('story_tags')
@Index('story_tags_published_idx', ['kind', 'value', 'publishedAt', 'storyId'])
export class StoryTagEntity {
  @PrimaryColumn({ name: 'story_id', type: 'integer' }) storyId!: number;
  @PrimaryColumn({ type: 'varchar', length: 8 }) kind!: 'region' | 'macro' | 'topic';
  @PrimaryColumn({ type: 'varchar', length: 64 }) value!: string;
  /** The story's published_at (which never changes), so that one tag's rows are in the story list's order. */
  @Column({ name: 'published_at', type: 'bigint', transformer: epochMs }) publishedAt!: number;
  @ManyToOne(() => StoryEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'story_id' })
  story?: StoryEntity;
}

/** The operator-edited topic rules; the newest row is the active rule set. */
@Entity('tagging_rules')
export class TaggingRulesEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'text' }) text!: string;
  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs }) createdAt!: number;
}

/** One change pushed to live clients; its id is the event's `eventId` (see change-log.ts). */
@Entity('change_events')
export class ChangeEventEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'varchar', length: 32 }) kind!: string;
  @Column({ name: 'subject_id', type: 'integer' }) subjectId!: number;
  @Index('change_events_created_idx')
  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs }) createdAt!: number;
}

@Entity('alert_rules')
export class AlertRuleEntity {
  @PrimaryGeneratedColumn() id!: number;
  /** The analyst or admin who owns the rule; null once that user is deleted (admins still see it). */
  @Index('alert_rules_owner_idx')
  @Column({ name: 'owner_id', type: 'integer', nullable: true }) ownerId!: number | null;
  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'owner_id' })
  owner?: UserEntity | null;
  @Column({ type: 'varchar', length: 200 }) name!: string;
  @Column({ type: 'text' }) query!: string;
  @Column({ type: 'varchar', length: 16 }) mode!: 'each' | 'threshold' | 'spike';
  @Column({ type: 'varchar', length: 16 }) severity!: 'info' | 'warning' | 'critical';
  /** Channel ids as JSON. */
  @Column({ type: 'text', default: '[]' }) channels!: string;
  @Column({ name: 'cooldown_sec', type: 'integer' }) cooldownSec!: number;
  @Column({ type: 'integer', default: 1 }) threshold!: number;
  @Column({ name: 'window_sec', type: 'integer', default: 3600 }) windowSec!: number;
  @Column({ type: 'boolean', default: true }) enabled!: boolean;
  @Column({ type: 'boolean', default: false }) muted!: boolean;
  /** Fire one follow-up when an event alerted on before it was corroborated becomes corroborated. */
  @Column({ name: 'follow_up_on_corroboration', type: 'boolean', default: false }) followUpOnCorroboration!: boolean;
  @Column({ name: 'snoozed_until', type: 'bigint', nullable: true, transformer: epochMs }) snoozedUntil!: number | null;
  @Column({ name: 'last_fired_at', type: 'bigint', nullable: true, transformer: epochMs }) lastFiredAt!: number | null;
  @Column({ name: 'last_alert_id', type: 'integer', nullable: true }) lastAlertId!: number | null;
  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs }) createdAt!: number;
  @Column({ name: 'updated_at', type: 'bigint', transformer: epochMs }) updatedAt!: number;
}

@Entity('alert_channels')
export class AlertChannelEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Index('alert_channels_owner_idx')
  @Column({ name: 'owner_id', type: 'integer', nullable: true }) ownerId!: number | null;
  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'owner_id' })
  owner?: UserEntity | null;
  @Column({ type: 'varchar', length: 16 }) type!: 'webhook' | 'email';
  @Column({ type: 'varchar', length: 200 }) name!: string;
  /** Webhook URL or e-mail address. */
  @Column({ type: 'varchar', length: 2048 }) target!: string;
  @Column({ type: 'varchar', length: 500, nullable: true }) secret!: string | null;
  @Column({ type: 'varchar', length: 16, default: 'generic' }) format!: 'generic' | 'slack';
  @Column({ type: 'boolean', default: true }) enabled!: boolean;
  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs }) createdAt!: number;
}

@Entity('alerts')
@Index('alerts_fired_idx', ['firedAt', 'id'])
@Index('alerts_rule_cluster_idx', ['ruleId', 'clusterId'])
export class AlertEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Index('alerts_rule_idx')
  @Column({ name: 'rule_id', type: 'integer' }) ruleId!: number;
  @ManyToOne(() => AlertRuleEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'rule_id' })
  rule?: AlertRuleEntity;
  @Column({ name: 'story_id', type: 'integer' }) storyId!: number;
  @ManyToOne(() => StoryEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'story_id' })
  story?: StoryEntity;
  @Column({ name: 'fired_at', type: 'bigint', transformer: epochMs }) firedAt!: number;
  @Column({ name: 'acknowledged_at', type: 'bigint', nullable: true, transformer: epochMs }) acknowledgedAt!: number | null;
  /** The event (cluster) the alert is about: a rule fires once per event. Null for a story never placed in one. No foreign key: merges rewrite clusters. */
  @Column({ name: 'cluster_id', type: 'integer', nullable: true }) clusterId!: number | null;
  /** The event's sources when the alert fired, as JSON (ClusterSource[]). */
  @Column({ type: 'text', default: '[]' }) sources!: string;
  /** The event's corroboration when the alert fired, as JSON ({level, text}); null without an event. */
  @Column({ type: 'text', nullable: true }) corroboration!: string | null;
  /** On a follow-up: the alert it follows. Unique, so an alert is followed up at most once. */
  @Index('alerts_follow_up_unique', { unique: true })
  @Column({ name: 'follow_up_of', type: 'integer', nullable: true }) followUpOf!: number | null;
}

/**
 * Every story a rule matched, once: the alert it fired or was attached to, or none (muted,
 * snoozed, under threshold, awaiting its event). The primary key makes firing idempotent across
 * re-polls and restarts.
 */
@Entity('alert_matches')
@Index('alert_matches_rule_time_idx', ['ruleId', 'matchedAt'])
@Index('alert_matches_story_idx', ['storyId'])
export class AlertMatchEntity {
  @PrimaryColumn({ name: 'rule_id', type: 'integer' }) ruleId!: number;
  @PrimaryColumn({ name: 'story_id', type: 'integer' }) storyId!: number;
  @ManyToOne(() => AlertRuleEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'rule_id' })
  rule?: AlertRuleEntity;
  @ManyToOne(() => StoryEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'story_id' })
  story?: StoryEntity;
  @Index('alert_matches_alert_idx')
  @Column({ name: 'alert_id', type: 'integer', nullable: true }) alertId!: number | null;
  @Column({ name: 'matched_at', type: 'bigint', transformer: epochMs }) matchedAt!: number;
  /** The event the story was in when it matched; null when it was evaluated on its own. */
  @Column({ name: 'cluster_id', type: 'integer', nullable: true }) clusterId!: number | null;
  /**
   * Why the match fired nothing: 'awaiting-event' while its event does not yet meet the rule's
   * event conditions (re-checked when the event changes), else the decision's reason ('muted',
   * 'snoozed', 'below-threshold', 'no-spike'). Null when it fired or attached to an alert.
   */
  @Column({ type: 'varchar', length: 16, nullable: true }) reason!: string | null;
}

@Entity('alert_deliveries')
@Index('alert_deliveries_due_idx', ['status', 'nextAttemptAt'])
export class AlertDeliveryEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Index('alert_deliveries_alert_idx')
  @Column({ name: 'alert_id', type: 'integer' }) alertId!: number;
  @ManyToOne(() => AlertEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'alert_id' })
  alert?: AlertEntity;
  @Column({ name: 'channel_id', type: 'integer' }) channelId!: number;
  @ManyToOne(() => AlertChannelEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'channel_id' })
  channel?: AlertChannelEntity;
  @Column({ type: 'varchar', length: 16 }) status!: 'pending' | 'delivered' | 'failed';
  @Column({ type: 'integer', default: 0 }) attempts!: number;
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError!: string | null;
  @Column({ name: 'next_attempt_at', type: 'bigint', nullable: true, transformer: epochMs }) nextAttemptAt!: number | null;
  @Column({ name: 'delivered_at', type: 'bigint', nullable: true, transformer: epochMs }) deliveredAt!: number | null;
}

/** Small named values the server keeps between runs, e.g. the last story the alert engine evaluated. */
@Entity('engine_state')
export class EngineStateEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 }) key!: string;
  @Column({ type: 'varchar', length: 200 }) value!: string;
}

/** A person who signs in. */
@Entity('users')
export class UserEntity {
  @PrimaryGeneratedColumn() id!: number;
  /** Stored lower-cased, so sign-in ignores case. */
  @Index('users_email_unique', { unique: true })
  @Column({ type: 'varchar', length: 320 }) email!: string;
  /** scrypt$N$r$p$salt$hash (see auth/password.ts). */
  @Column({ name: 'password_hash', type: 'varchar', length: 300 }) passwordHash!: string;
  @Column({ type: 'varchar', length: 16 }) role!: 'viewer' | 'analyst' | 'admin';
  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs }) createdAt!: number;
  @Column({ name: 'last_login_at', type: 'bigint', nullable: true, transformer: epochMs }) lastLoginAt!: number | null;
}

/** A signed-in browser. Only the SHA-256 of the cookie's value is stored. */
@Entity('sessions')
export class SessionEntity {
  @PrimaryColumn({ name: 'id_hash', type: 'varchar', length: 64 }) idHash!: string;
  @Index('sessions_user_idx')
  @Column({ name: 'user_id', type: 'integer' }) userId!: number;
  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;
  @Column({ name: 'csrf_token', type: 'varchar', length: 64 }) csrfToken!: string;
  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs }) createdAt!: number;
  @Index('sessions_expires_idx')
  @Column({ name: 'expires_at', type: 'bigint', transformer: epochMs }) expiresAt!: number;
}

/** A wall's or an integration's bearer token. Only the SHA-256 of the secret is stored. */
@Entity('api_tokens')
export class ApiTokenEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Index('api_tokens_hash_unique', { unique: true })
  @Column({ name: 'token_hash', type: 'varchar', length: 64 }) tokenHash!: string;
  @Column({ type: 'varchar', length: 200 }) name!: string;
  @Column({ type: 'varchar', length: 16 }) role!: 'wall' | 'viewer' | 'analyst' | 'admin';
  /** Region and topic ids as JSON arrays; empty means everything. */
  @Column({ type: 'text', default: '[]' }) regions!: string;
  @Column({ type: 'text', default: '[]' }) topics!: string;
  @Column({ name: 'created_by', type: 'integer', nullable: true }) createdBy!: number | null;
  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'created_by' })
  creator?: UserEntity | null;
  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs }) createdAt!: number;
  @Column({ name: 'expires_at', type: 'bigint', nullable: true, transformer: epochMs }) expiresAt!: number | null;
  @Column({ name: 'last_used_at', type: 'bigint', nullable: true, transformer: epochMs }) lastUsedAt!: number | null;
}

/** Who created, changed or deleted what, and when. Names are copied so the log outlives its subjects. */
@Entity('audit_log')
export class AuditEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'bigint', transformer: epochMs }) at!: number;
  @Column({ type: 'varchar', length: 320, nullable: true }) actor!: string | null;
  @Column({ name: 'actor_user_id', type: 'integer', nullable: true }) actorUserId!: number | null;
  @Column({ name: 'actor_token_id', type: 'integer', nullable: true }) actorTokenId!: number | null;
  @Column({ type: 'varchar', length: 64 }) action!: string;
  @Column({ name: 'subject_type', type: 'varchar', length: 32 }) subjectType!: string;
  @Column({ name: 'subject_id', type: 'integer', nullable: true }) subjectId!: number | null;
  @Column({ type: 'text' }) detail!: string;
}

/**
 * An event: stories about one happening. The row holds what lists and filters need as columns
 * and the rest of the API shape (sources, corroboration, conflicts, places) as JSON in `summary`.
 */
@Entity('clusters')
@Index('clusters_updated_idx', ['updatedAt', 'id'])
@Index('clusters_first_seen_idx', ['firstSeenAt'])
export class ClusterEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ name: 'headline_story_id', type: 'integer', nullable: true }) headlineStoryId!: number | null;
  @Column({ name: 'first_seen_at', type: 'bigint', transformer: epochMs }) firstSeenAt!: number;
  @Column({ name: 'updated_at', type: 'bigint', transformer: epochMs }) updatedAt!: number;
  @Column({ name: 'story_count', type: 'integer', default: 0 }) storyCount!: number;
  @Column({ type: 'integer', default: 0 }) outlets!: number;
  @Column({ type: 'integer', default: 0 }) independent!: number;
  @Column({ type: 'boolean', default: false }) breaking!: boolean;
  /** Independent outlets within its first 30 minutes, for breaking baselines; null on rows written before it was kept. */
  @Column({ name: 'early_independent', type: 'integer', nullable: true }) earlyIndependent!: number | null;
  /** Region codes and topic ids, each between commas (",SY,IQ,"), for filters. */
  @Column({ type: 'varchar', length: 2000, default: '' }) regions!: string;
  @Column({ type: 'varchar', length: 2000, default: '' }) topics!: string;
  /** Folded words of its stories' titles, for `q`. */
  @Column({ name: 'search_text', type: 'text', default: '' }) searchText!: string;
  @Column({ type: 'text', default: '{}' }) summary!: string;
}

/** An analyst's merge or split, kept so that the engine restored at start-up follows it. */
@Entity('cluster_overrides')
export class ClusterOverrideEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'varchar', length: 16 }) kind!: 'merge' | 'split';
  @Index('cluster_overrides_cluster_idx')
  @Column({ name: 'cluster_id', type: 'integer' }) clusterId!: number;
  /** Merge: the cluster it went into. Split: the new cluster. */
  @Column({ name: 'target_id', type: 'integer' }) targetId!: number;
  @Column({ name: 'story_ids', type: 'text', default: '[]' }) storyIds!: string;
  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs }) createdAt!: number;
}

/** Outlets that belong to one publisher and count once (e.g. bbc.co.uk and bbc.com). */
@Entity('publisher_families')
export class PublisherFamilyEntity {
  @PrimaryColumn({ type: 'varchar', length: 253 }) outlet!: string;
  @Column({ type: 'varchar', length: 253 }) family!: string;
}

export const ENTITIES = [
  UserEntity,
  SessionEntity,
  ApiTokenEntity,
  AuditEntity,
  FeedEntity,
  StoryEntity,
  StorySourceEntity,
  StoryTagEntity,
  TaggingRulesEntity,
  ChangeEventEntity,
  AlertRuleEntity,
  AlertChannelEntity,
  AlertEntity,
  AlertMatchEntity,
  AlertDeliveryEntity,
  EngineStateEntity,
  ClusterEntity,
  ClusterOverrideEntity,
  PublisherFamilyEntity,
];
