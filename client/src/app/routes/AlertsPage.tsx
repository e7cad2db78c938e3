import type { AlertRule } from '@sentinel/shared';
import { useState, type ReactNode } from 'react';
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

interface AlertsPageProps {
  /** Analysts and admins write rules and channels; viewers read the history. */
  canEditRules: boolean;
  canAcknowledge: boolean;
}

function AlertsFrame({ children }: { children: ReactNode }) {
  return (
    <div className="alerts-page" data-testid="alerts-page">
      <div className="alerts-page__header">
        <h1>Alerts</h1>
        <AlertSoundToggle />
      </div>
      {children}
    </div>
  );
}

/** `/alerts`: rules (with the editor when one is open) and channels on the left, the alert history on the right. */
export function AlertsPage({ canEditRules, canAcknowledge }: AlertsPageProps) {
  if (canEditRules) return <AlertsWorkbench canAcknowledge={canAcknowledge} />;
  return <AlertHistoryOnly canAcknowledge={canAcknowledge} />;
}

function AlertHistoryOnly({ canAcknowledge }: { canAcknowledge: boolean }) {
  const { historyFilter, setHistoryFilter } = useAlertsPageState();
  return (
    <AlertsFrame>
      <p className="muted" data-testid="alerts-read-only">
        You can read the alert history. Writing rules and channels needs the analyst role.
      </p>
      <AlertHistory filter={historyFilter} onFilterChange={setHistoryFilter} rules={undefined} canAcknowledge={canAcknowledge} />
    </AlertsFrame>
  );
}

function AlertsWorkbench({ canAcknowledge }: { canAcknowledge: boolean }) {
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
    <AlertsFrame>
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
        <AlertHistory filter={historyFilter} onFilterChange={setHistoryFilter} rules={rules.data} canAcknowledge={canAcknowledge} />
      </div>
    </AlertsFrame>
  );
}
