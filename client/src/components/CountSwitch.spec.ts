import type { VolumeCount } from '@sentinel/shared';
import { isValidElement, type ReactElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { CountSwitch } from './CountSwitch';

type ButtonProps = { 'aria-pressed': boolean; onClick: () => void; children: ReactNode };

/** The switch's buttons as React elements, so a test can press one without a browser. */
function buttonsOf(element: ReactElement<{ children: ReactElement<ButtonProps>[] }>): ReactElement<ButtonProps>[] {
  return element.props.children.filter((child) => isValidElement(child) && child.type === 'button');
}

describe('the Stories | Events switch', () => {
  it('is a labelled group of two buttons, the current one pressed and ticked', () => {
    const html = renderToStaticMarkup(CountSwitch({ value: 'events', onChange: () => undefined, label: 'Count in the volume charts' }));
    expect(html).toContain('role="group" aria-label="Count in the volume charts"');
    expect(html).toMatch(/<button type="button" aria-pressed="false" class="count-switch__option">Stories<\/button>/);
    // Pressed is said to screen readers and drawn with a tick, not only in colour.
    expect(html).toMatch(/<button type="button" aria-pressed="true" class="count-switch__option"><span aria-hidden="true">✓ <\/span>Events<\/button>/);
  });

  it('says which one is pressed when counting stories', () => {
    const html = renderToStaticMarkup(CountSwitch({ value: 'stories', onChange: () => undefined, label: 'Count' }));
    expect(html).toMatch(/aria-pressed="true"[^>]*>(<span[^>]*>✓ <\/span>)?Stories</);
    expect(html).toMatch(/aria-pressed="false"[^>]*>Events</);
  });

  it('asks for the count of the button pressed', () => {
    const asked: VolumeCount[] = [];
    const [stories, events] = buttonsOf(CountSwitch({ value: 'stories', onChange: (count) => asked.push(count), label: 'Count' }));
    events!.props.onClick();
    stories!.props.onClick();
    expect(asked).toEqual(['events', 'stories']);
  });
});
