import { TIME_RANGE_LABELS, TIME_RANGES, type TimeRange } from '../../../lib/story-filter';

/** `datetime-local` wants local "YYYY-MM-DDTHH:mm"; the URL keeps ISO (UTC). */
function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  const offset = date.getTimezoneOffset() * 60_000;
  return new Date(date.getTime() - offset).toISOString().slice(0, 16);
}

function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const time = new Date(value).getTime();
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

interface TimeRangeValue {
  range: TimeRange;
  since: string | null;
  until: string | null;
}

export function TimeRangeFilter({ value, onChange }: { value: TimeRangeValue; onChange: (next: TimeRangeValue) => void }) {
  return (
    <div className="filter filter--time">
      <label htmlFor="range-select">Published</label>
      <select id="range-select" value={value.range} onChange={(event) => onChange({ ...value, range: event.target.value as TimeRange })}>
        {TIME_RANGES.map((range) => (
          <option key={range} value={range}>
            {TIME_RANGE_LABELS[range]}
          </option>
        ))}
      </select>
      {value.range === 'custom' && (
        <div className="filter__row">
          <label>
            From
            <input type="datetime-local" value={toLocalInput(value.since)} onChange={(event) => onChange({ ...value, since: fromLocalInput(event.target.value) })} />
          </label>
          <label>
            To
            <input type="datetime-local" value={toLocalInput(value.until)} onChange={(event) => onChange({ ...value, until: fromLocalInput(event.target.value) })} />
          </label>
        </div>
      )}
    </div>
  );
}
