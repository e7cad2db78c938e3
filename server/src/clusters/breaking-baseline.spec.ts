import { BASELINE_MIN_EVENTS, type BaselineEvent, breakingBar, BreakingBaseline, computeBaselines } from './breaking-baseline';

const MACRO: Record<string, string> = { SY: 'middle-east', IQ: 'middle-east', LB: 'middle-east', SD: 'africa' };
const macroRegionOf = (country: string) => MACRO[country] ?? null;

function events(count: number, event: BaselineEvent): BaselineEvent[] {
  return Array.from({ length: count }, () => event);
}

describe('computeBaselines', () => {
  it('averages early independent outlets per country and topic and per macro-region and topic', () => {
    const baselines = computeBaselines(
      [
        { regions: ['SY'], topics: ['conflict'], earlyIndependent: 1 },
        { regions: ['SY'], topics: ['conflict'], earlyIndependent: 3 },
        { regions: ['IQ'], topics: ['conflict'], earlyIndependent: 2 },
      ],
      macroRegionOf,
    );
    expect(baselines.get('SY|conflict')).toEqual({ events: 2, mean: 2 });
    expect(baselines.get('IQ|conflict')).toEqual({ events: 1, mean: 2 });
    expect(baselines.get('middle-east|conflict')).toEqual({ events: 3, mean: 2 });
  });

  it('counts an event once per key however many of its countries share a macro-region, and an event without topics under ""', () => {
    const baselines = computeBaselines(
      [
        { regions: ['SY', 'IQ'], topics: ['conflict', 'protest'], earlyIndependent: 4 },
        { regions: ['SD'], topics: [], earlyIndependent: 1 },
      ],
      macroRegionOf,
    );
    expect(baselines.get('middle-east|conflict')).toEqual({ events: 1, mean: 4 });
    expect(baselines.get('IQ|protest')).toEqual({ events: 1, mean: 4 });
    expect(baselines.get('SD|')).toEqual({ events: 1, mean: 1 });
    expect(baselines.get('africa|')).toEqual({ events: 1, mean: 1 });
  });
});

describe('breakingBar', () => {
  it('is the fixed 3 with no history, or with too little', () => {
    expect(breakingBar(new Map(), ['SY'], ['conflict'], macroRegionOf)).toBe(3);
    const few = computeBaselines(events(BASELINE_MIN_EVENTS - 1, { regions: ['SY'], topics: ['conflict'], earlyIndependent: 5 }), macroRegionOf);
    expect(breakingBar(few, ['SY'], ['conflict'], macroRegionOf)).toBe(3);
  });

  it('is twice the usual pace, rounded up, and never below 3', () => {
    const bar = (mean: number) => {
      // Half the events at floor(mean), half at ceil(mean): the mean without rounding noise.
      const low = Math.floor(mean);
      const high = Math.ceil(mean);
      const list = [...events(BASELINE_MIN_EVENTS, { regions: ['SY'], topics: ['conflict'], earlyIndependent: low }), ...events(BASELINE_MIN_EVENTS, { regions: ['SY'], topics: ['conflict'], earlyIndependent: high })];
      return breakingBar(computeBaselines(list, macroRegionOf), ['SY'], ['conflict'], macroRegionOf);
    };
    expect(bar(1)).toBe(3);
    expect(bar(1.5)).toBe(3);
    expect(bar(2)).toBe(4);
    expect(bar(2.5)).toBe(5);
    expect(bar(4)).toBe(8);
  });

  it('borrows the macro-region\'s baseline for a country with too little history of its own', () => {
    const baselines = computeBaselines(
      [...events(BASELINE_MIN_EVENTS, { regions: ['IQ'], topics: ['conflict'], earlyIndependent: 3 }), { regions: ['LB'], topics: ['conflict'], earlyIndependent: 1 }],
      macroRegionOf,
    );
    // middle-east|conflict: 11 events, mean (30 + 1) / 11 ≈ 2.8 → 6.
    expect(breakingBar(baselines, ['LB'], ['conflict'], macroRegionOf)).toBe(6);
    expect(breakingBar(baselines, ['IQ'], ['conflict'], macroRegionOf)).toBe(6);
    expect(breakingBar(baselines, ['SD'], ['conflict'], macroRegionOf)).toBe(3);
  });

  it('takes the highest bar among the event\'s regions and topics', () => {
    const baselines = computeBaselines(
      [...events(BASELINE_MIN_EVENTS, { regions: ['SY'], topics: ['conflict'], earlyIndependent: 3 }), ...events(BASELINE_MIN_EVENTS, { regions: ['SY'], topics: ['prison-break'], earlyIndependent: 1 })],
      macroRegionOf,
    );
    expect(breakingBar(baselines, ['SY'], ['prison-break'], macroRegionOf)).toBe(3);
    expect(breakingBar(baselines, ['SY'], ['prison-break', 'conflict'], macroRegionOf)).toBe(6);
  });
});

describe('BreakingBaseline', () => {
  it('answers with the baselines of its last refresh', () => {
    const baseline = new BreakingBaseline(macroRegionOf);
    expect(baseline.barFor(['SD'], ['disaster'])).toBe(3);
    baseline.refresh(events(BASELINE_MIN_EVENTS, { regions: ['SD'], topics: ['disaster'], earlyIndependent: 2 }));
    expect(baseline.barFor(['SD'], ['disaster'])).toBe(4);
    expect(baseline.usableCount()).toBe(2);
    baseline.refresh([]);
    expect(baseline.barFor(['SD'], ['disaster'])).toBe(3);
  });
});
