import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { callPos } from '../../api/pos';
import { describeError, ErrorBanner } from '../../ui/forms';
import { Modal } from '../../ui/Modal';

/**
 * Puts up the customer display: the desktop app opens it on the second screen; the browser build
 * gets its link, for a second screen or a tablet. The link opens the display only, never the till.
 */
export function OpenDisplayButton() {
  const [link, setLink] = useState<string | null>(null);
  const open = useMutation({
    mutationFn: () => callPos('display.open', {}),
    onSuccess: ({ url }) => setLink(url),
  });
  const error = describeError(open.error);
  return (
    <>
      <button type="button" className="btn btn-quiet" onClick={() => open.mutate()} disabled={open.isPending}>
        Customer display
      </button>
      {(link || error) && (
        <Modal
          title="Customer display"
          onClose={() => {
            setLink(null);
            open.reset();
          }}
        >
          <ErrorBanner message={error?.message} />
          {link && (
            <>
              <p>Open this link on the screen or tablet that faces the customer. It shows the order as you ring it, and can’t open the till.</p>
              <p className="display-link" data-testid="display-link">
                {link}
              </p>
              <div className="modal-actions">
                <button type="button" className="btn btn-primary" data-autofocus onClick={() => window.open(link, '_blank', 'noopener')}>
                  Open in a new tab
                </button>
              </div>
            </>
          )}
        </Modal>
      )}
    </>
  );
}
