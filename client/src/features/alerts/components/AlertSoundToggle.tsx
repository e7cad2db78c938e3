import { useAlertSound } from '../hooks/alert-sound';

/** Off by default; remembered in this browser, so the wall on the same machine beeps too. */
export function AlertSoundToggle() {
  const sound = useAlertSound();
  return (
    <label className="checkbox alert-sound-toggle">
      <input type="checkbox" data-testid="alert-sound-toggle" checked={sound.enabled} onChange={(event) => sound.setEnabled(event.target.checked)} />
      Beep on new alerts in this browser
    </label>
  );
}
