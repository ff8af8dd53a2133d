import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { callPos } from '../../api/pos';
import { describeError, ErrorBanner } from '../../ui/forms';

/** On the Drawer screen: shippers' cash on delivery still out, each taken into this drawer with one tap. */
export function HandIn({ format }: { format: (cents: number) => string }) {
  const client = useQueryClient();
  const owed = useQuery({ queryKey: ['delivery', 'owed'], queryFn: () => callPos('delivery.owed', {}) });
  const settle = useMutation({
    mutationFn: (shipperId: string) => callPos('delivery.settle', { shipperId }),
    onSettled: () => client.invalidateQueries(),
  });
  // After the last shipper's cash is taken in the list is empty, but what was taken in stays said.
  const owing = owed.data ?? [];
  if (owing.length === 0 && !settle.data && !settle.error) return null;
  return (
    <section className="drawer-panel" aria-labelledby="hand-in-title">
      <h2 id="hand-in-title">Cash on delivery to take in</h2>
      <ErrorBanner message={describeError(settle.error)?.message} />
      {settle.data && <p role="status">Took in {format(settle.data.settledCents)} for {settle.data.tickets.join(', ')}.</p>}
      {owing.length > 0 && (
        <ul className="plain-list">
          {owing.map((r) => (
            <li key={r.userId}>
              <button type="button" className="btn" disabled={settle.isPending} onClick={() => settle.mutate(r.userId)}>
                Take in {format(r.owedCents)} from {r.name}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
