import { useState, type FormEvent } from 'react';

/** Full-text search; applied on Enter or the button, so typing does not flood the URL history. */
export function SearchBox({ value, onSearch }: { value: string; onSearch: (q: string) => void }) {
  const [draft, setDraft] = useState(value);
  const [lastValue, setLastValue] = useState(value);
  if (value !== lastValue) {
    // The URL changed from outside (back button, a shared link): show what is applied.
    setLastValue(value);
    setDraft(value);
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(draft.trim());
  };
  return (
    <form role="search" className="search-box" onSubmit={submit}>
      <label htmlFor="story-search">Search stories</label>
      <div className="search-box__row">
        <input
          id="story-search"
          type="search"
          name="q"
          value={draft}
          maxLength={200}
          placeholder="e.g. al-Hol transfer"
          onChange={(event) => setDraft(event.target.value)}
        />
        <button type="submit">Search</button>
        {value && (
          <button type="button" onClick={() => onSearch('')}>
            Clear<span className="visually-hidden"> search</span>
          </button>
        )}
      </div>
    </form>
  );
}
