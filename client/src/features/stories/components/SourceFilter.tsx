import type { Feed } from '@sentinel/shared';

/** One feed or one group of feeds. Values are "feed:<id>" or "group:<name>". */
export function SourceFilter({
  feedId,
  group,
  feeds,
  onChange,
}: {
  feedId: number | null;
  group: string | null;
  feeds: Feed[] | undefined;
  onChange: (source: { feedId: number | null; group: string | null }) => void;
}) {
  const groups = [...new Set((feeds ?? []).map((feed) => feed.group).filter((name): name is string => !!name))].sort();
  const value = feedId !== null ? `feed:${feedId}` : group !== null ? `group:${group}` : '';
  const sortedFeeds = [...(feeds ?? [])].sort((a, b) => a.title.localeCompare(b.title));
  const unknownFeed = feedId !== null && !sortedFeeds.some((feed) => feed.id === feedId);
  const unknownGroup = group !== null && !groups.includes(group);

  const change = (next: string) => {
    if (next.startsWith('feed:')) onChange({ feedId: Number(next.slice(5)), group: null });
    else if (next.startsWith('group:')) onChange({ feedId: null, group: next.slice(6) });
    else onChange({ feedId: null, group: null });
  };

  return (
    <div className="filter filter--source">
      <label htmlFor="source-select">Feed or group</label>
      <select id="source-select" value={value} onChange={(event) => change(event.target.value)}>
        <option value="">All feeds</option>
        {unknownFeed && <option value={`feed:${feedId}`}>Feed #{feedId}</option>}
        {unknownGroup && <option value={`group:${group}`}>Group {group}</option>}
        {groups.length > 0 && (
          <optgroup label="Groups">
            {groups.map((name) => (
              <option key={name} value={`group:${name}`}>
                Group: {name}
              </option>
            ))}
          </optgroup>
        )}
        <optgroup label="Feeds">
          {sortedFeeds.map((feed) => (
            <option key={feed.id} value={`feed:${feed.id}`}>
              {feed.title}
            </option>
          ))}
        </optgroup>
      </select>
    </div>
  );
}
