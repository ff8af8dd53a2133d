import { useState, type FormEvent } from 'react';
import { DEFAULT_PRINTER, type PrinterConfig } from '../../../../shared/printer';
import { describeError, ErrorBanner, Field, Notice } from '../../../ui/forms';
import { Modal } from '../../../ui/Modal';
import { usePrinterConfig, useSavePrinter, useTestPage } from '../queries';
import '../printer.css';

type Draft = Omit<PrinterConfig, 'port'> & { port: string };

const draftOf = (config: PrinterConfig): Draft => ({ ...config, port: String(config.port) });
// An empty or non-numeric port goes to main as it is: main says what is wrong with it.
const configOf = (draft: Draft): PrinterConfig => ({ ...draft, port: draft.port.trim() === '' ? Number.NaN : Number(draft.port) });

/** The button in a manager's header that opens this till's printer settings. */
export function PrinterSettingsButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="btn btn-quiet" onClick={() => setOpen(true)}>
        Printer
      </button>
      {open && <PrinterSettings onClose={() => setOpen(false)} />}
    </>
  );
}

/** This till's receipt printer: where it is, its paper, its drawer, when receipts print. */
export function PrinterSettings({ onClose }: { onClose: () => void }) {
  const config = usePrinterConfig();
  return (
    <Modal title="Printer settings" onClose={onClose} className="printer-settings" wide>
      <ErrorBanner message={describeError(config.error)?.message} />
      {config.data ? <SettingsForm saved={config.data} onClose={onClose} /> : !config.error && <p>Loading…</p>}
    </Modal>
  );
}

function SettingsForm({ saved, onClose }: { saved: PrinterConfig; onClose: () => void }) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(saved.host ? saved : { ...DEFAULT_PRINTER, ...saved }));
  const save = useSavePrinter();
  const test = useTestPage();
  const error = describeError(save.error ?? test.error);
  const set = (patch: Partial<Draft>) => {
    save.reset();
    test.reset();
    setDraft({ ...draft, ...patch });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(configOf(draft));
  };
  // The test page prints what is on the form, so it is saved first.
  const printTest = () => save.mutate(configOf(draft), { onSuccess: () => test.mutate() });
  const tested = test.data;

  return (
    <form onSubmit={submit} noValidate>
      <p className="muted">For this till: an ESC/POS receipt printer on the shop’s network.</p>
      <ErrorBanner message={error && Object.keys(error.fields).length === 0 ? error.message : null} />
      {tested?.printed === false && <ErrorBanner message={`The test page didn’t print. ${tested.reason}`} />}
      {tested?.printed && <Notice>Test page sent to {draft.host}:{draft.port}. Check that the accents and € £ came out right.</Notice>}
      {save.isSuccess && !test.isPending && !tested && <Notice>Printer settings saved.</Notice>}
      <div className="two-up">
        <Field
          label="Printer address"
          value={draft.host}
          onChange={(e) => set({ host: e.target.value })}
          error={error?.fields.host}
          hint="Its IP address, like 192.168.1.50. Leave empty to print receipts in the window."
          autoComplete="off"
          spellCheck={false}
          data-autofocus
        />
        <Field label="Port" inputMode="numeric" value={draft.port} onChange={(e) => set({ port: e.target.value })} error={error?.fields.port} hint="Usually 9100." />
      </div>
      <div className="two-up printer-choices">
        <fieldset className="segmented">
          <legend>Paper width</legend>
          {([80, 58] as const).map((width) => (
            <label key={width}>
              <input type="radio" name="paper" checked={draft.paperWidth === width} onChange={() => set({ paperWidth: width })} /> {width} mm
            </label>
          ))}
        </fieldset>
        <fieldset className="segmented">
          <legend>Customer receipts</legend>
          <label>
            <input type="radio" name="receipts" checked={draft.receipts === 'auto'} onChange={() => set({ receipts: 'auto' })} /> After every sale
          </label>
          <label>
            <input type="radio" name="receipts" checked={draft.receipts === 'ask'} onChange={() => set({ receipts: 'ask' })} /> Only when asked for
          </label>
        </fieldset>
      </div>
      <label className="check-field">
        <input type="checkbox" checked={draft.drawer} onChange={(e) => set({ drawer: e.target.checked })} /> A cash drawer is plugged into this printer (it opens on cash sales and cash refunds)
      </label>
      <Field label="Receipt footer" value={draft.footer} onChange={(e) => set({ footer: e.target.value })} error={error?.fields.footer} maxLength={200} />
      <div className="modal-actions">
        <button type="button" className="btn btn-quiet" onClick={onClose}>
          Close
        </button>
        <button type="button" className="btn btn-secondary" onClick={printTest} disabled={save.isPending || test.isPending || !draft.host.trim()}>
          {test.isPending ? 'Printing…' : 'Print test page'}
        </button>
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          Save
        </button>
      </div>
    </form>
  );
}
