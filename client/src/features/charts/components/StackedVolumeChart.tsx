import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatCount } from '../../../lib/format';
import { OTHER_TAGS, VOLUME_COUNT_WORDS, type VolumeSeries } from '../../../lib/volume';
import { seriesColor } from './palette';

interface StackedVolumeChartProps {
  title: string;
  series: VolumeSeries;
  labelOf: (key: string) => string;
  /** Kept short on the wall; the workspace shows dates. */
  variant?: 'workspace' | 'wall';
  emptyText?: string;
  testId?: string;
}

const hourFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const dayHourFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit' });

function tickFormat(bucketMs: number) {
  return (value: number) => (bucketMs >= 86_400_000 ? dayFormat.format(value) : bucketMs > 3_600_000 ? dayHourFormat.format(value) : hourFormat.format(value));
}

/**
 * Stories (or events) per time bucket, stacked by tag. The legend is HTML, sized in em like the
 * rest of the wall, and gives each tag's total, so the chart can be read without telling colours
 * apart. The totals are the series' own: for events, each event once over the whole chart.
 */
export function StackedVolumeChart({ title, series, labelOf, variant = 'workspace', emptyText, testId }: StackedVolumeChartProps) {
  const label = (key: string) => (key === OTHER_TAGS ? 'Other' : labelOf(key));
  const totals = series.keys.map((key) => ({ key, total: series.totals[key] ?? 0 }));
  const words = VOLUME_COUNT_WORDS[series.count];
  const summary = totals.map(({ key, total }) => `${label(key)} ${formatCount(total)}`).join(', ');
  const format = tickFormat(series.bucketMs);
  return (
    <figure className={`volume-chart volume-chart--${variant}`} data-testid={testId}>
      <figcaption>
        <span className="volume-chart__title">{title}</span>
        <span className="visually-hidden">{summary ? ` Totals in ${words.many}: ${summary}.` : ''}</span>
      </figcaption>
      {series.rows.length === 0 ? (
        <p className="muted volume-chart__empty">{emptyText ?? `No ${words.many} to chart.`}</p>
      ) : (
        <div className="volume-chart__plot" aria-hidden="true">
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={series.rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} barCategoryGap={variant === 'wall' ? 2 : 1}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} className="volume-chart__grid" />
              <XAxis dataKey="start" tickFormatter={format} minTickGap={24} />
              <YAxis allowDecimals={false} width={variant === 'wall' ? 56 : 36} />
              {variant === 'workspace' && (
                <Tooltip labelFormatter={(value) => (typeof value === 'number' ? dayHourFormat.format(value) : String(value))} />
              )}
              {series.keys.map((key, index) => (
                <Bar key={key} dataKey={key} name={label(key)} stackId="volume" fill={seriesColor(key, index)} isAnimationActive={false} />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
      {totals.length > 0 && (
        <ul className="volume-chart__legend" aria-hidden="true">
          {totals.map(({ key, total }, index) => (
            <li key={key}>
              <span className="volume-chart__swatch" style={{ background: seriesColor(key, index) }} />
              {label(key)} <span className="volume-chart__total">{formatCount(total)}</span>
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}
