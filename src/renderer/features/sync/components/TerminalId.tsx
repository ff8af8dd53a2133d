import { useState, type FormEvent } from 'react';
import type { TerminalStatus } from '../../../../shared/sync';
import { PosCallError } from '../../../api/pos';
import { describeError, ErrorBanner, Field } from '../../../ui/forms';
import { useSetTerminalId } from '../queries';

const STATE_TEXT: Record<TerminalStatus['state'], string> = {
  synced: 'registered in the cloud',
  pending: 'not registered in the cloud yet (it is, once the till is online with someone signed in)',
  parked: 'not registered',
};

/** This till's id on tickets; a manager can change it, and main refuses one another till holds. */
export function TerminalId({ terminal, isManager }: { terminal: TerminalStatus; isManager: boolean }) {
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(terminal.id);
  const save = useSetTerminalId();
  const error = describeError(save.error);
  // Only after the cloud said another till holds the id: the manager may take it over.
  const taken = save.error instanceof PosCallError && save.error.code === 'CONFLICT';

  const submit = (event: FormEvent, takeOver = false) => {
    event.preventDefault();
    save.mutate({ terminalId: value, ...(takeOver && { takeOver }) }, { onSuccess: () => setEditing(false) });
  };

  return (
    <section aria-labelledby="terminal-title">
      <h3 id="terminal-title">This till</h3>
      <p>
        Tickets from this till start <strong data-testid="terminal-id">{terminal.id}</strong> ({STATE_TEXT[terminal.state]}).
      </p>
      {terminal.problem && <p className="field-error">{terminal.problem}</p>}
      {isManager && !editing && (
        <button type="button" className="btn" onClick={() => setEditing(true)}>
          Change till id
        </button>
      )}
      {isManager && editing && (
        <form onSubmit={(e) => submit(e)}>
          <Field label="Till id" value={value} maxLength={4} autoCapitalize="characters" onChange={(e) => setValue(e.target.value.toUpperCase())} error={error?.fields.terminalId} hint="A capital letter then up to 3 capitals or digits, like T2. No two tills may share one." />
          <ErrorBanner message={error?.fields.terminalId ? null : error?.message} />
          <div className="modal-actions">
            <button type="button" className="btn" onClick={() => setEditing(false)}>
              Cancel
            </button>
            {taken && (
              <button type="button" className="btn" onClick={(e) => submit(e, true)} disabled={save.isPending}>
                That till is gone: take {value} over
              </button>
            )}
            <button type="submit" className="btn btn-primary" disabled={save.isPending}>
              Save till id
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
