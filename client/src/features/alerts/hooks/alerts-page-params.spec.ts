import { parseEditTarget, parseHistoryFilter, writeEditTarget, writeHistoryFilter } from './alerts-page-params';

describe('the alerts page address', () => {
  it('reads and writes the open editor and the history filter', () => {
    const params = new URLSearchParams('edit=12&rule=3&ack=false');
    expect(parseEditTarget(params)).toEqual({ kind: 'rule', id: 12 });
    expect(parseHistoryFilter(params)).toEqual({ ruleId: 3, acknowledged: false });
    expect(writeEditTarget(params, { kind: 'new' }).toString()).toBe('edit=new&rule=3&ack=false');
    expect(writeHistoryFilter(params, { ruleId: null, acknowledged: null }).toString()).toBe('edit=12');
  });
  it('ignores ids that are not positive whole numbers', () => {
    expect(parseEditTarget(new URLSearchParams('edit=-1'))).toBeNull();
    expect(parseHistoryFilter(new URLSearchParams('rule=1e3&ack=maybe'))).toEqual({ ruleId: null, acknowledged: null });
  });
});
