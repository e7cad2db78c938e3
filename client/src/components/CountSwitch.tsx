import { VOLUME_COUNTS, type VolumeCount } from '@sentinel/shared';
import { VOLUME_COUNT_WORDS } from '../lib/volume';

interface CountSwitchProps {
  value: VolumeCount;
  onChange: (count: VolumeCount) => void;
  /** What the switch sets, for screen readers: "Count the charts in". */
  label: string;
}

/**
 * "Stories | Events": what a chart or a map counts. Two real buttons in a labelled group; the
 * pressed one is announced (aria-pressed) and drawn filled and bold with a check mark, so the
 * choice does not rest on colour.
 */
export function CountSwitch({ value, onChange, label }: CountSwitchProps) {
  return (
    <div role="group" aria-label={label} className="count-switch">
      {VOLUME_COUNTS.map((count) => (
        <button key={count} type="button" aria-pressed={value === count} className="count-switch__option" onClick={() => onChange(count)}>
          {value === count && <span aria-hidden="true">✓ </span>}
          {VOLUME_COUNT_WORDS[count].label}
        </button>
      ))}
    </div>
  );
}
