import { normaliseText } from '@sentinel/shared';
import { ValueTransformer } from 'typeorm';

/**
 * Timestamps are stored as epoch milliseconds in a BIGINT column: the same ordering and the
 * same comparisons on SQLite and PostgreSQL, with no time-zone or driver date conversions.
 * node-postgres returns BIGINT as a string, hence the transformer.
 */
export const epochMs: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null || value === undefined ? null : Number(value)),
};

/**
 * What a story's `search_text` column holds: its title and summary as the shared normaliser folds
 * them. The repository writes it with the title and summary; a migration refills it whenever the
 * normaliser changes what it produces.
 */
export function storySearchText(title: string, summary: string): string {
  return normaliseText(`${title}\n${summary}`);
}
