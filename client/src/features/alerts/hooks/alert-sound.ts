import type { Alert, AlertSeverity } from '@sentinel/shared';
import { useCallback, useSyncExternalStore } from 'react';

/**
 * The optional beep on a new alert: off unless the reader turns it on in this browser
 * (localStorage, so every tab and the wall on the same machine follow), made with the Web Audio
 * API so there is no audio file to serve.
 */
const STORAGE_KEY = 'sentinel.alerts.sound';
/** Alerts the server replays after a long disconnect are old news: no beep for those. */
export const RING_MAX_AGE_MS = 5 * 60_000;
/** A burst of alerts makes one beep, not a siren. */
export const RING_MIN_GAP_MS = 3_000;

const listeners = new Set<() => void>();
let lastRingAt = 0;
let audio: AudioContext | null = null;

function readPreference(): boolean {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === 'on';
  } catch {
    // Storage can be blocked (privacy settings); then the sound simply stays off.
    return false;
  }
}

function subscribe(onChange: () => void): () => void {
  listeners.add(onChange);
  const onStorage = (event: StorageEvent) => {
    if (event.key === STORAGE_KEY) onChange();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(onChange);
    window.removeEventListener('storage', onStorage);
  };
}

export function shouldRing(alert: Pick<Alert, 'firedAt'>, now: number, previousRingAt: number): boolean {
  const age = now - Date.parse(alert.firedAt);
  return age < RING_MAX_AGE_MS && now - previousRingAt >= RING_MIN_GAP_MS;
}

function audioContext(): AudioContext | null {
  if (typeof window === 'undefined' || typeof window.AudioContext !== 'function') return null;
  if (!audio) {
    audio = new window.AudioContext();
    // Browsers start audio only after a click or a key press; a reloaded page waits for the next one.
    const unlock = () => void audio?.resume();
    window.addEventListener('pointerdown', unlock, { once: true });
    window.addEventListener('keydown', unlock, { once: true });
  }
  return audio;
}

const TONES: Record<AlertSeverity, number[]> = { info: [660], warning: [880, 660], critical: [988, 740, 988] };

function beep(severity: AlertSeverity): void {
  const context = audioContext();
  if (!context) return;
  if (context.state === 'suspended') void context.resume();
  let at = context.currentTime + 0.02;
  for (const frequency of TONES[severity] ?? TONES.info) {
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(0.25, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.18);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(at);
    oscillator.stop(at + 0.2);
    at += 0.22;
  }
}

/** Called by the realtime bridge for every alert it had not seen before. */
export function ringForAlert(alert: Alert, now = Date.now()): void {
  if (!readPreference() || !shouldRing(alert, now, lastRingAt)) return;
  lastRingAt = now;
  beep(alert.severity);
}

export function useAlertSound(): { enabled: boolean; setEnabled: (enabled: boolean) => void } {
  const enabled = useSyncExternalStore(subscribe, readPreference, () => false);
  const setEnabled = useCallback((next: boolean) => {
    try {
      if (next) window.localStorage.setItem(STORAGE_KEY, 'on');
      else window.localStorage.removeItem(STORAGE_KEY);
    } catch {
      return;
    }
    for (const listener of listeners) listener();
    // The click that turns it on is the gesture that lets the page play sound; beep once to confirm.
    if (next) beep('info');
  }, []);
  return { enabled, setEnabled };
}
