import type { Story } from '@sentinel/shared';
import { type FiredAlert, genericPayload, slackPayload } from './payloads';

const story: Story = {
  id: 11,
  title: 'Inmates escape Hasakah prison',
  url: 'https://news.example/11',
  summary: 'Dozens escaped.',
  publishedAt: '2026-01-31T12:00:00.000Z',
  firstSeenAt: '2026-01-31T12:00:00.000Z',
  updatedAt: '2026-01-31T12:00:00.000Z',
  feedId: 1,
  feedTitle: 'Reuters World',
  sources: [{ feedId: 1, feedTitle: 'Reuters World', url: 'https://news.example/11' }],
  regions: ['SY'],
  topics: ['prison-break'],
  places: [],
  why: [],
  clusterId: 4,
};

const at = '2026-01-31T12:00:00.000Z';
const alert: FiredAlert = {
  id: 3,
  firedAt: Date.parse(at),
  severity: 'critical',
  rule: { id: 1, name: 'Prison breaks', query: 'escape* sources>=2' },
  story,
  clusterId: 4,
  sources: [
    { outlet: 'reuters.com', feedTitle: 'Reuters World', storyId: 11, firstSeenAt: at, copyOf: null },
    { outlet: 'bbc.co.uk', feedTitle: 'BBC <Middle East>', storyId: 12, firstSeenAt: at, copyOf: null },
  ],
  corroboration: { level: 'wire-and-others', text: 'wire service and 1 other' },
  followUpOf: null,
};

describe('alert payloads', () => {
  it('gives a webhook the sources that triggered the alert and the corroboration of its event', () => {
    expect(genericPayload(alert)).toMatchObject({
      alert: { id: 3, followUpOf: null },
      cluster: {
        id: 4,
        corroboration: { level: 'wire-and-others', text: 'wire service and 1 other' },
        sources: [
          { outlet: 'reuters.com', feedTitle: 'Reuters World', storyId: 11 },
          { outlet: 'bbc.co.uk', feedTitle: 'BBC <Middle East>', storyId: 12 },
        ],
      },
    });
  });

  it('lists outlets and corroboration in Slack, escaped, and says when an alert is a follow-up', () => {
    const context = JSON.stringify(slackPayload(alert).blocks[1]);
    expect(context).toContain('wire service and 1 other · 2 sources: Reuters World (reuters.com), BBC &lt;Middle East&gt; (bbc.co.uk)');
    const followUp = slackPayload({ ...alert, id: 4, followUpOf: 3 });
    expect(followUp.text).toBe(':rotating_light: Prison breaks: Now corroborated: wire service and 1 other (follow-up to alert 3): Inmates escape Hasakah prison');
  });
});
