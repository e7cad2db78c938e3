import { useState, type FormEvent } from 'react';
import { describeError } from '../../../lib/api-client';
import { plural } from '../../../lib/format';
import { OPML_EXPORT_URL, useImportOpml } from '../api/feeds';

const MAX_OPML_BYTES = 5 * 1024 * 1024;

export function OpmlPanel() {
  const importOpml = useImportOpml();
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setProblem('Choose an OPML file first.');
      return;
    }
    if (file.size > MAX_OPML_BYTES) {
      setProblem('The file is larger than 5 MB; the server does not accept OPML files that big.');
      return;
    }
    setProblem(null);
    importOpml.mutate(await file.text());
  };

  const result = importOpml.data;
  return (
    <section className="opml-panel" aria-labelledby="opml-heading">
      <h2 id="opml-heading">OPML</h2>
      <form onSubmit={(event) => void submit(event)} className="opml-panel__import">
        <label htmlFor="opml-file">Import feeds from an OPML file</label>
        <input
          id="opml-file"
          type="file"
          accept=".opml,.xml,text/xml,application/xml,text/x-opml"
          onChange={(event) => setFile(event.target.files?.[0] ?? null)}
        />
        <button type="submit" disabled={importOpml.isPending}>
          {importOpml.isPending ? 'Importing…' : 'Import OPML'}
        </button>
      </form>
      <div aria-live="polite" data-testid="opml-result">
        {problem && (
          <p className="error-message" role="alert">
            {problem}
          </p>
        )}
        {importOpml.isError && (
          <p className="error-message" role="alert">
            <span aria-hidden="true">⚠ </span>Import failed: {describeError(importOpml.error)}
          </p>
        )}
        {result && (
          <div role="status">
            <p className="success-message">
              Imported: {plural(result.added, 'feed')} added, {plural(result.duplicates, 'duplicate')} skipped,{' '}
              {plural(result.invalid.length, 'invalid entry', 'invalid entries')}.
            </p>
            {result.invalid.length > 0 && (
              <ul className="opml-panel__invalid">
                {result.invalid.map((item, index) => (
                  <li key={`${item.url}-${index}`}>
                    <code>{item.url || '(no URL)'}</code>: {item.reason}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
      <p>
        <a href={OPML_EXPORT_URL} download="sentinel-wire-feeds.opml" className="button-link">
          Export all feeds as OPML
        </a>
      </p>
    </section>
  );
}
