import { Injectable } from '@nestjs/common';
import { AlertQuery, compileAlertQuery, CompiledAlertQuery, formatAlertQuery, parseAlertQuery, QueryErrorDetail } from '@sentinel/shared';
import { TaggingService } from '../tagging/tagging.service';
import { InvalidInputError } from '../common/domain-error';

/** Parses rule queries against the current taxonomy (topic ids, macro-regions). */
@Injectable()
export class AlertQueryParser {
  constructor(private readonly tagging: TaggingService) {}

  parse(text: string): { ok: true; query: AlertQuery } | { ok: false; error: QueryErrorDetail } {
    const knownTopics = new Set(this.tagging.taxonomy().topics.map((t) => t.id));
    const result = parseAlertQuery(text, { knownTopics, resolveRegion: this.tagging.resolveRegion });
    if (result.ok) return result;
    return { ok: false, error: { message: result.error.message, line: result.error.line, column: result.error.column } };
  }

  /** A compiled query, or a 400 whose message says where the query is wrong. */
  compileOrThrow(text: string): CompiledAlertQuery {
    const parsed = this.parse(text);
    if (!parsed.ok) throw new InvalidInputError(`query: ${parsed.error.message}`);
    return compileAlertQuery(parsed.query);
  }

  normalized(query: AlertQuery): string {
    return formatAlertQuery(query.root);
  }
}
