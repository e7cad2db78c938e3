import type { AlertChannel, AlertRule } from '@sentinel/shared';
import { memo } from 'react';
import { TimeAgo } from '../../../components/TimeAgo';
import { formatCount } from '../../../lib/format';
import { useNow } from '../../../lib/use-now';
import { describeRuleMode, describeRuleState, formatSeconds } from '../hooks/rule-state';
import { RuleActions } from './RuleActions';
import { SeverityLabel } from './SeverityLabel';

interface RuleRowProps {
  rule: AlertRule;
  channels: AlertChannel[] | undefined;
  onEdit: (id: number) => void;
  onShowAlerts: (id: number) => void;
}

export const RuleRow = memo(function RuleRow({ rule, channels, onEdit, onShowAlerts }: RuleRowProps) {
  const now = useNow(30_000);
  const state = describeRuleState(rule, now);
  const channelNames = rule.channels.map((id) => channels?.find((channel) => channel.id === id)?.name ?? `channel #${id}`);
  return (
    <li className={`rule-row rule-row--${state.key}`} data-testid="rule-row" data-rule-id={rule.id} data-state={state.key}>
      <div className="rule-row__head">
        <h3 className="rule-row__name">{rule.name}</h3>
        <span className={`rule-state rule-state--${state.key}`} data-testid="rule-state">
          <span aria-hidden="true">{state.symbol} </span>
          {state.label}
        </span>
        <SeverityLabel severity={rule.severity} className="rule-row__severity" />
      </div>
      <code className="rule-row__query" dir="auto">
        {rule.query}
      </code>
      <p className="rule-row__meta">
        {describeRuleMode(rule)} · {rule.cooldownSec > 0 ? `cooldown ${formatSeconds(rule.cooldownSec)}` : 'no cooldown'} · {channelNames.length ? `to ${channelNames.join(', ')}` : 'dashboard only'}
        {rule.followUpOnCorroboration && ' · follows up when corroborated'}
      </p>
      <p className="rule-row__counts" data-testid="rule-counts">
        <span>
          <strong>{formatCount(rule.firedLast24h)}</strong> in the last 24 h
        </span>
        <span>
          <strong>{formatCount(rule.firedTotal)}</strong> in all
        </span>
        <span>
          last fired <TimeAgo iso={rule.lastFiredAt} />
        </span>
      </p>
      <RuleActions rule={rule} onEdit={() => onEdit(rule.id)} onShowAlerts={() => onShowAlerts(rule.id)} />
    </li>
  );
});
