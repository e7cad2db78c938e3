import { useState, type FormEvent } from 'react';
import { FormOutcome } from '../../../components/FormOutcome';
import { useSetPublisherFamily } from '../api/publisher-families';

/** Adds an outlet to a family, or moves one (the same outlet again); the server checks the names and says what is wrong. */
export function PublisherFamilyForm() {
  const save = useSetPublisherFamily();
  const [outlet, setOutlet] = useState('');
  const [family, setFamily] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const wrong = outlet.trim() === '' || family.trim() === '' ? 'Give both the outlet and the family it counts as.' : null;
    setProblem(wrong);
    if (wrong) return;
    save.mutate({ outlet: outlet.trim(), family: family.trim() }, { onSuccess: () => setOutlet('') });
  };

  return (
    <form className="panel" onSubmit={submit} aria-labelledby="add-family-heading" data-testid="publisher-family-form">
      <h3 id="add-family-heading">Add or change</h3>
      <div className="form-grid">
        <label htmlFor="family-outlet">Outlet</label>
        <input id="family-outlet" autoComplete="off" placeholder="bbc.com" aria-describedby="family-outlet-hint" value={outlet} onChange={(event) => setOutlet(event.target.value)} />
        <p id="family-outlet-hint" className="hint">
          As the feeds list shows it. An outlet already listed moves to the family you give.
        </p>
        <label htmlFor="family-name">Counts as</label>
        <input id="family-name" autoComplete="off" placeholder="bbc.co.uk" value={family} onChange={(event) => setFamily(event.target.value)} />
      </div>
      <button type="submit" disabled={save.isPending}>
        {save.isPending ? 'Saving…' : 'Save'}
      </button>
      <FormOutcome
        problem={problem}
        error={save.isError ? save.error : null}
        errorPrefix="Could not save the family"
        success={save.isSuccess && `${save.data.outlet} now counts as ${save.data.family}; recent events were recounted.`}
      />
    </form>
  );
}
