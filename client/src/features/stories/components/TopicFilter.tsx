import type { TaxonomyNames } from '../../../lib/taxonomy';

/** One checkbox per topic of the taxonomy; topics already in the URL stay listed even if unknown. */
export function TopicFilter({ value, names, onChange }: { value: string[]; names: TaxonomyNames; onChange: (topics: string[]) => void }) {
  const ids = [...new Set([...names.topicIds, ...value])];
  const toggle = (id: string, checked: boolean) => {
    onChange(checked ? [...value, id].sort() : value.filter((item) => item !== id));
  };
  return (
    <fieldset className="filter filter--topics">
      <legend>Topics</legend>
      {ids.length === 0 && <p className="muted">The server has no topic list yet.</p>}
      <div className="topic-options">
        {ids.map((id) => (
          <label key={id} className="checkbox">
            <input type="checkbox" checked={value.includes(id)} onChange={(event) => toggle(id, event.target.checked)} />
            {names.topic(id)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
