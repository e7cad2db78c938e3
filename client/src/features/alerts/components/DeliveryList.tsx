import type { AlertDelivery } from '@sentinel/shared';
import { describeDelivery } from '../hooks/rule-state';

/** Where an alert went besides the dashboard, and how that went, per channel. */
export function DeliveryList({ deliveries }: { deliveries: AlertDelivery[] }) {
  if (deliveries.length === 0) return <p className="delivery-list delivery-list--none muted">Dashboard only (no channels).</p>;
  return (
    <ul className="delivery-list" aria-label="Deliveries">
      {deliveries.map((delivery) => {
        const text = describeDelivery(delivery);
        return (
          <li key={delivery.channelId} className={`delivery delivery--${delivery.status}`} data-testid="delivery" data-status={delivery.status}>
            <span className="delivery__channel">{delivery.channelName}</span>{' '}
            <span className="delivery__status">
              <span aria-hidden="true">{text.symbol} </span>
              {text.label}
            </span>
            {text.detail && <span className="delivery__detail"> — {text.detail}</span>}
          </li>
        );
      })}
    </ul>
  );
}
