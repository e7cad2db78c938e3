import type { TaxonomyNames } from '../../../lib/taxonomy';

interface ScopePickerProps {
  names: TaxonomyNames;
  regions: string[];
  topics: string[];
  onChange: (scope: { regions: string[]; topics: string[] }) => void;
}

/**
 * Which stories a wall token may show, from the server's taxonomy: macro-regions and countries
 * (a list box that takes several), topics (check boxes). Nothing picked means everything.
 */
export function ScopePicker({ names, regions, topics, onChange }: ScopePickerProps) {
  const taxonomy = names.taxonomy;
  if (!taxonomy) return <p className="muted">Loading regions and topics…</p>;
  const toggleTopic = (id: string, on: boolean) => onChange({ regions, topics: on ? [...topics, id] : topics.filter((item) => item !== id) });
  return (
    <fieldset className="scope-picker">
      <legend>Scope (optional)</legend>
      <p className="hint" id="scope-hint">
        The wall shows only stories in these regions and topics. Pick nothing to show everything.
      </p>
      <label htmlFor="token-regions">Regions</label>
      <select
        id="token-regions"
        multiple
        size={8}
        aria-describedby="token-regions-hint"
        value={regions}
        onChange={(event) => onChange({ regions: [...event.target.selectedOptions].map((option) => option.value), topics })}
      >
        <optgroup label="Regions">
          {taxonomy.macroRegions.map((macro) => (
            <option key={macro.id} value={macro.id}>
              {macro.name}
            </option>
          ))}
        </optgroup>
        <optgroup label="Countries">
          {[...taxonomy.regions]
            .sort((a, b) => a.name.localeCompare(b.name))
            .map((region) => (
              <option key={region.code} value={region.code}>
                {region.name} ({region.code})
              </option>
            ))}
        </optgroup>
      </select>
      <p className="hint" id="token-regions-hint">
        {regions.length > 0 ? `Chosen: ${regions.map(names.region).join(', ')}.` : 'None chosen: every region.'} Ctrl-click (⌘-click on a Mac) picks
        several.
      </p>
      <fieldset className="scope-picker__topics">
        <legend>Topics</legend>
        {taxonomy.topics.map((topic) => (
          <label key={topic.id} className="checkbox">
            <input type="checkbox" checked={topics.includes(topic.id)} onChange={(event) => toggleTopic(topic.id, event.target.checked)} />
            {topic.name}
          </label>
        ))}
      </fieldset>
    </fieldset>
  );
}
