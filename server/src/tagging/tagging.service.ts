import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { StoryTags, Taxonomy, TaggingRules } from '@sentinel/shared';
import { LessThanOrEqual } from 'typeorm';
import { Database } from '../database/database';
import { TaggingRulesEntity } from '../database/entities';
import type { TaxonomyLookup } from './taxonomy-lookup';
import { Gazetteer } from './gazetteer';
import { loadDefaultRulesText } from './rules-file';
import { Tagger } from './tagger';
import { taxonomy } from './taxonomy';
import { parseTopicRules } from './topic-rules';
import { InvalidInputError } from '../common/domain-error';

/** Saved rule files kept in tagging_rules (the newest is the active one); older rows are deleted on save. */
export const KEPT_RULE_VERSIONS = 20;

/**
 * Holds the active tagger: the gazetteer plus the topic rules an operator last saved (the
 * bundled rule file until then). Saving rules validates them first; a bad file is refused
 * with its line numbers and the old rules stay active. Saved rules live in the database, so
 * a restart keeps them; the last KEPT_RULE_VERSIONS saves are kept, older ones are deleted.
 */
@Injectable()
export class TaggingService implements OnModuleInit, TaxonomyLookup {
  private readonly logger = new Logger('Tagging');
  private gazetteer!: Gazetteer;
  private tagger!: Tagger;
  private rules!: TaggingRules;
  private currentTaxonomy!: Taxonomy;
  private macroRegions = new Map<string, string[]>();
  private macroOfCountry = new Map<string, string>();

  constructor(private readonly db: Database) {}

  async onModuleInit(): Promise<void> {
    this.gazetteer = Gazetteer.default();
    const [saved] = await this.db.dataSource.getRepository(TaggingRulesEntity).find({ order: { id: 'DESC' }, take: 1 });
    const text = saved?.text ?? loadDefaultRulesText();
    const parsed = parseTopicRules(text);
    if (!parsed.ok) {
      // Saved rules were valid when saved; only a newer engine could reject them. Fall back loudly.
      this.logger.error(`saved topic rules no longer parse (${parsed.errors[0]?.message}); using the bundled rules`);
      this.activate(loadDefaultRulesText(), 'default', null);
      return;
    }
    this.activate(text, saved ? 'custom' : 'default', saved?.createdAt ?? null);
  }

  tag(story: { title: string; summary: string }): StoryTags {
    return this.tagger.tag(story);
  }

  getRules(): TaggingRules {
    return this.rules;
  }

  async saveRules(text: string): Promise<TaggingRules> {
    const parsed = parseTopicRules(text);
    if (!parsed.ok) {
      const shown = parsed.errors.slice(0, 10).map((e) => `line ${e.line}: ${e.message}`);
      const more = parsed.errors.length > 10 ? `; and ${parsed.errors.length - 10} more` : '';
      throw new InvalidInputError(`the rule file was not saved; the previous rules stay active. ${shown.join('; ')}${more}`);
    }
    const now = Date.now();
    await this.db.write(async (m) => {
      const repository = m.getRepository(TaggingRulesEntity);
      await repository.insert({ text, createdAt: now });
      const [newestDropped] = await repository.find({ select: { id: true }, order: { id: 'DESC' }, skip: KEPT_RULE_VERSIONS, take: 1 });
      if (newestDropped) await repository.delete({ id: LessThanOrEqual(newestDropped.id) });
    });
    this.activate(text, 'custom', now);
    return this.rules;
  }

  taxonomy(): Taxonomy {
    return this.currentTaxonomy;
  }

  resolveRegion = (id: string): string[] | null => {
    const macro = this.macroRegions.get(id);
    if (macro) return macro;
    const code = id.toUpperCase();
    return this.gazetteer.countries.has(code) ? [code] : null;
  };

  isTopic = (id: string): boolean => this.currentTaxonomy.topics.some((t) => t.id === id);

  macroRegionOf = (country: string): string | null => this.macroOfCountry.get(country) ?? null;

  private activate(text: string, source: TaggingRules['source'], savedAt: number | null): void {
    this.tagger = Tagger.fromData({ rulesText: text, gazetteer: this.gazetteer });
    this.rules = { text, source, updatedAt: savedAt === null ? null : new Date(savedAt).toISOString() };
    this.currentTaxonomy = taxonomy({ gazetteer: this.gazetteer, rules: this.tagger.rules });
    this.macroRegions = new Map(this.currentTaxonomy.macroRegions.map((m) => [m.id, m.countries]));
    this.macroOfCountry = new Map(this.currentTaxonomy.regions.map((r) => [r.code, r.macroRegion]));
  }
}
