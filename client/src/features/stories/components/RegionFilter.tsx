import { useState, type FormEvent } from 'react';
import type { TaxonomyNames } from '../../../lib/taxonomy';

/** Countries (ISO codes) and macro-regions; typed by code or by name, picked from a suggestion list. */
export function RegionFilter({ value, names, onChange }: { value: string[]; names: TaxonomyNames; onChange: (regions: string[]) => void }) {
  const [draft, setDraft] = useState('');
  const taxonomy = names.taxonomy;
  const options = [
    ...(taxonomy?.macroRegions.map((macro) => ({ code: macro.id, name: macro.name })) ?? []),
    ...(taxonomy?.regions.map((region) => ({ code: region.code, name: region.name })) ?? []),
  ];

  const resolve = (text: string): string | null => {
    const wanted = text.trim().toLowerCase();
    if (!wanted) return null;
    const match = options.find((option) => option.code.toLowerCase() === wanted || option.name.toLowerCase() === wanted);
    if (match) return match.code;
    const code = wanted.match(/^([a-z]{2})\b/)?.[1];
    if (code && (!taxonomy || taxonomy.regions.some((region) => region.code === code.toUpperCase()))) return code.toUpperCase();
    return taxonomy ? null : wanted;
  };

  const [problem, setProblem] = useState<string | null>(null);
  const add = (event: FormEvent) => {
    event.preventDefault();
    const code = resolve(draft);
    if (!code) {
      setProblem(`“${draft}” is not a known country code, country or region.`);
      return;
    }
    setProblem(null);
    setDraft('');
    if (!value.includes(code)) onChange([...value, code].sort());
  };

  return (
    <form className="filter filter--regions" onSubmit={add} aria-describedby={problem ? 'region-problem' : undefined}>
      <label htmlFor="region-input">Regions</label>
      <div className="filter__row">
        <input
          id="region-input"
          list="region-options"
          value={draft}
          placeholder="SY, Syria, Middle East…"
          onChange={(event) => setDraft(event.target.value)}
        />
        <button type="submit">Add</button>
      </div>
      <datalist id="region-options">
        {options.map((option) => (
          <option key={option.code} value={option.code}>
            {option.name}
          </option>
        ))}
      </datalist>
      {problem && (
        <p id="region-problem" className="field-problem" role="alert">
          {problem}
        </p>
      )}
      {value.length > 0 && (
        <ul className="selected-tags" aria-label="Selected regions">
          {value.map((code) => (
            <li key={code}>
              <span>{names.region(code)}</span>
              <button type="button" onClick={() => onChange(value.filter((item) => item !== code))} aria-label={`Remove region ${names.region(code)}`}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}
