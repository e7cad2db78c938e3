import type { AlertRule } from '@sentinel/shared';
import { useState } from 'react';
import { AlertHistory } from '../../features/alerts/components/AlertHistory';
import { AlertSoundToggle } from '../../features/alerts/components/AlertSoundToggle';
import { ChannelList } from '../../features/alerts/components/ChannelList';
import { RuleEditorPanel } from '../../features/alerts/components/RuleEditorPanel';
import { RuleList } from '../../features/alerts/components/RuleList';
import { useAlertRules } from '../../features/alerts/api/rules';
import { useAlertsPageState } from '../../features/alerts/hooks/useAlertsPageState';

const SAVED: Record<'created' | 'updated' | 'unchanged', (name: string) => string> = {
  created: (name) => `Created rule “${name}”.`,
  updated: (name) => `Saved rule “${name}”.`,
  unchanged: (name) => `Nothing changed in “${name}”.`,
};

/** `/alerts`: rules (with the editor when one is open) and channels on the left, the alert history on the right. */
export function AlertsPage() {
  const { editTarget, setEditTarget, historyFilter, setHistoryFilter } = useAlertsPageState();
  const rules = useAlertRules();
  const [notice, setNotice] = useState<string | null>(null);
  const onSaved = (rule: AlertRule, outcome: keyof typeof SAVED) => {
    setNotice(SAVED[outcome](rule.name));
    setEditTarget(null);
  };
  const edit = (target: Parameters<typeof setEditTarget>[0]) => {
    setNotice(null);
    setEditTarget(target);
  };
  return (
    <div className="alerts-page" data-testid="alerts-page">
      <div className="alerts-page__header">
        <h1>Alerts</h1>
        <AlertSoundToggle />
      </div>
      <div className="alerts-page__grid">
        <div className="alerts-page__column">
          {editTarget && <RuleEditorPanel target={editTarget} onClose={() => setEditTarget(null)} onSaved={onSaved} />}
          <RuleList
            notice={notice}
            onNew={() => edit({ kind: 'new' })}
            onEdit={(id) => edit({ kind: 'rule', id })}
            onShowAlerts={(id) => setHistoryFilter({ ...historyFilter, ruleId: id })}
          />
          <ChannelList />
        </div>
        <AlertHistory filter={historyFilter} onFilterChange={setHistoryFilter} rules={rules.data} />
      </div>
    </div>
  );
}
