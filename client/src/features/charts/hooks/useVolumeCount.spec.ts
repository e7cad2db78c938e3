import { volumeCountOf, withVolumeCount } from './useVolumeCount';

describe('what the charts and the map count, from the URL', () => {
  it('counts events on the wall and stories in the workspace unless the link says otherwise', () => {
    expect(volumeCountOf(new URLSearchParams(''), 'events')).toBe('events');
    expect(volumeCountOf(new URLSearchParams(''), 'stories')).toBe('stories');
    expect(volumeCountOf(new URLSearchParams('count=stories&regions=SY'), 'events')).toBe('stories');
    expect(volumeCountOf(new URLSearchParams('count=events'), 'stories')).toBe('events');
  });

  it('falls back to the page default for a value it does not know', () => {
    expect(volumeCountOf(new URLSearchParams('count=clusters'), 'events')).toBe('events');
    expect(volumeCountOf(new URLSearchParams('count='), 'stories')).toBe('stories');
  });

  it('writes only a count that differs from the page default, keeping the rest of the link', () => {
    const wall = new URLSearchParams('regions=SY&rotate=60');
    expect(withVolumeCount(wall, 'stories', 'events').toString()).toBe('regions=SY&rotate=60&count=stories');
    expect(withVolumeCount(new URLSearchParams('regions=SY&count=stories'), 'events', 'events').toString()).toBe('regions=SY');
    expect(withVolumeCount(new URLSearchParams('q=prison'), 'events', 'stories').toString()).toBe('q=prison&count=events');
    // The params passed in are left as they were.
    expect(wall.toString()).toBe('regions=SY&rotate=60');
  });
});
