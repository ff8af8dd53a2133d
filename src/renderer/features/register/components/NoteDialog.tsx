import { useState } from 'react';
import { Field } from '../../../ui/forms';
import { Modal } from '../../../ui/Modal';

export function NoteDialog({ initial, name, onSave, onClose }: { initial: string; name: string; onSave: (note: string) => void; onClose: () => void }) {
  const [note, setNote] = useState(initial);
  return (
    <Modal title={`Note for ${name}`} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onSave(note);
        }}
      >
        <Field label="Note" value={note} maxLength={140} onChange={(e) => setNote(e.target.value)} data-autofocus hint="Up to 140 characters, e.g. extra hot." />
        <div className="modal-actions">
          <button type="button" className="btn btn-quiet" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary">
            Save note
          </button>
        </div>
      </form>
    </Modal>
  );
}
