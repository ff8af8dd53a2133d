import { useState, type FormEvent, type ReactNode } from 'react';
import { ROLE_LABEL, STAFF_ROLES, type StaffRole } from '../../../../shared/roles';
import type { PasswordDelivery, StaffMember } from '../../../../shared/staff';
import { describeError, ErrorBanner, Field, Notice } from '../../../ui/forms';
import { Modal } from '../../../ui/Modal';
import { useStaffAction, useStaffList } from '../queries';
import '../staff.css';

type Dialog =
  | { kind: 'invite' }
  | { kind: 'group' | 'disable' | 'resetPassword' | 'resetPin'; member: StaffMember };

/**
 * The managers' staff accounts: who works here, in which group, and whether they can sign in.
 * Every check is main's (the channels are Admin-only and the service refuses what a manager may
 * not do to themselves); this screen only leaves out the buttons that would be refused.
 */
export default function StaffScreen({ me }: { me: string }) {
  const staff = useStaffList();
  const enable = useStaffAction('staff.setEnabled');
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [said, setSaid] = useState<string | null>(null);
  const close = (message?: string) => {
    setDialog(null);
    setSaid(message ?? null);
  };

  return (
    <div className="staff-screen">
      <div className="staff-head">
        <h1>Staff</h1>
        <button type="button" className="btn btn-primary" onClick={() => setDialog({ kind: 'invite' })}>
          Invite staff member
        </button>
      </div>
      <ErrorBanner message={describeError(staff.error ?? enable.error)?.message} />
      {said && <Notice>{said}</Notice>}
      {staff.data ? (
        <div className="staff-table-wrap">
          <table className="staff-table">
            <caption className="visually-hidden">Staff accounts</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Group</th>
                <th scope="col">State</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {staff.data.map((member) => (
                <tr key={member.email} data-testid={`staff-${member.email}`}>
                  <th scope="row">{member.name || member.email}</th>
                  <td className="staff-email">{member.email}</td>
                  <td>{member.groupLabel}</td>
                  <td className={member.enabled ? undefined : 'staff-state-off'}>{member.statusLabel}</td>
                  <td>
                    {member.email === me ? (
                      <span className="muted">You</span>
                    ) : (
                      <div className="staff-actions">
                        <button type="button" className="btn btn-small" onClick={() => setDialog({ kind: 'group', member })}>
                          Change group
                        </button>
                        {member.enabled ? (
                          <button type="button" className="btn btn-small" onClick={() => setDialog({ kind: 'disable', member })}>
                            Disable
                          </button>
                        ) : (
                          <button
                            type="button"
                            className="btn btn-small"
                            disabled={enable.isPending}
                            onClick={() => enable.mutate({ email: member.email, enabled: true }, { onSuccess: () => setSaid(`${member.name} can sign in again.`) })}
                          >
                            Enable
                          </button>
                        )}
                        <button type="button" className="btn btn-small" onClick={() => setDialog({ kind: 'resetPassword', member })}>
                          Reset password
                        </button>
                        <button type="button" className="btn btn-small" onClick={() => setDialog({ kind: 'resetPin', member })}>
                          Reset PIN
                        </button>
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        !staff.error && <p role="status">Loading staff…</p>
      )}
      {dialog?.kind === 'invite' && <InviteDialog onClose={close} />}
      {dialog?.kind === 'group' && <GroupDialog member={dialog.member} onClose={close} />}
      {dialog?.kind === 'disable' && <DisableDialog member={dialog.member} onClose={close} />}
      {dialog?.kind === 'resetPassword' && <ResetPasswordDialog member={dialog.member} onClose={close} />}
      {dialog?.kind === 'resetPin' && <ResetPinDialog member={dialog.member} onClose={close} />}
    </div>
  );
}

type Close = (message?: string) => void;

/** The temporary password, once, where the demo has no email to send it by; else where it went. */
function Delivered({ result, name, email, what }: { result: PasswordDelivery; name: string; email: string; what: string }) {
  if (!result.temporaryPassword) {
    return <p>Cognito has emailed {email} {what}. Their next sign-in asks for it, then for a password of their own.</p>;
  }
  return (
    <>
      <p>
        Give {name} this temporary password. It is shown only now. They sign in with {email} and it, then choose their own password.
      </p>
      <code className="staff-secret" data-testid="temporary-password">
        {result.temporaryPassword}
      </code>
    </>
  );
}

function GroupChoice({ value, onChange, error }: { value: StaffRole; onChange: (group: StaffRole) => void; error?: string }) {
  return (
    <fieldset className="segmented">
      <legend>Group</legend>
      {STAFF_ROLES.map((role) => (
        <label key={role}>
          <input type="radio" name="group" value={role} checked={value === role} onChange={() => onChange(role)} />
          {ROLE_LABEL[role]}
        </label>
      ))}
      {error && <p className="field-error">{error}</p>}
    </fieldset>
  );
}

function InviteDialog({ onClose }: { onClose: Close }) {
  const invite = useStaffAction('staff.invite');
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [group, setGroup] = useState<StaffRole>('Barista');
  const error = describeError(invite.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    invite.mutate({ email, name, group });
  };
  const done = invite.data;
  return (
    <Modal title={done ? `${done.member.name} is invited` : 'Invite a staff member'} onClose={() => onClose(done && `${done.member.name} is invited as ${done.member.groupLabel}.`)}>
      {done ? (
        <>
          <Delivered result={done} name={done.member.name} email={done.member.email} what="an invitation with a temporary password" />
          <div className="modal-actions">
            <button type="button" className="btn btn-primary" data-autofocus onClick={() => onClose(`${done.member.name} is invited as ${done.member.groupLabel}.`)}>
              Done
            </button>
          </div>
        </>
      ) : (
        <form onSubmit={submit} noValidate>
          <ErrorBanner message={error && Object.keys(error.fields).length === 0 ? error.message : null} />
          <Field label="Email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} error={error?.fields.email ?? (error?.fields[''] && error.message)} autoComplete="off" spellCheck={false} data-autofocus />
          <Field label="Name" value={name} onChange={(e) => setName(e.target.value)} error={error?.fields.name} autoComplete="off" />
          <GroupChoice value={group} onChange={setGroup} error={error?.fields.group} />
          <div className="modal-actions">
            <button type="button" className="btn btn-quiet" onClick={() => onClose()}>
              Cancel
            </button>
            <button type="submit" className="btn btn-primary" disabled={invite.isPending}>
              Invite
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}

function GroupDialog({ member, onClose }: { member: StaffMember; onClose: Close }) {
  const setGroupAction = useStaffAction('staff.setGroup');
  const [group, setGroup] = useState<StaffRole>(member.group);
  const error = describeError(setGroupAction.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setGroupAction.mutate({ email: member.email, group }, { onSuccess: (moved) => onClose(`${member.name} is now ${moved.groupLabel}. If they were signed in here, they sign in again.`) });
  };
  return (
    <Modal title={`Change ${member.name}’s group`} onClose={() => onClose()}>
      <form onSubmit={submit}>
        <ErrorBanner message={error?.message} />
        <GroupChoice value={group} onChange={setGroup} />
        <p className="muted">Signed in on this till, they are signed out and sign in again with the new group’s screens.</p>
        <div className="modal-actions">
          <button type="button" className="btn btn-quiet" onClick={() => onClose()}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={setGroupAction.isPending || group === member.group}>
            Save group
          </button>
        </div>
      </form>
    </Modal>
  );
}

function ConfirmDialog({ title, children, confirm, danger, pending, error, onConfirm, onClose }: {
  title: string;
  children: ReactNode;
  confirm: string;
  danger?: boolean;
  pending: boolean;
  error: unknown;
  onConfirm: () => void;
  onClose: Close;
}) {
  return (
    <Modal title={title} onClose={() => onClose()}>
      <ErrorBanner message={describeError(error)?.message} />
      {children}
      <div className="modal-actions">
        <button type="button" className="btn btn-quiet" data-autofocus onClick={() => onClose()}>
          Cancel
        </button>
        <button type="button" className={danger ? 'btn btn-danger' : 'btn btn-primary'} disabled={pending} onClick={onConfirm}>
          {confirm}
        </button>
      </div>
    </Modal>
  );
}

function DisableDialog({ member, onClose }: { member: StaffMember; onClose: Close }) {
  const disable = useStaffAction('staff.setEnabled');
  return (
    <ConfirmDialog
      title={`Disable ${member.name}?`}
      confirm="Disable"
      danger
      pending={disable.isPending}
      error={disable.error}
      onClose={onClose}
      onConfirm={() => disable.mutate({ email: member.email, enabled: false }, { onSuccess: () => onClose(`${member.name} is disabled and signed out everywhere.`) })}
    >
      <p>They are signed out everywhere, this till’s lock screen included, and can’t sign in until a manager enables them again. Their sales keep their name.</p>
    </ConfirmDialog>
  );
}

function ResetPasswordDialog({ member, onClose }: { member: StaffMember; onClose: Close }) {
  const reset = useStaffAction('staff.resetPassword');
  if (reset.data) {
    return (
      <Modal title={`${member.name}’s password is reset`} onClose={() => onClose()}>
        <Delivered result={reset.data} name={member.name} email={member.email} what="a code to reset their password" />
        <div className="modal-actions">
          <button type="button" className="btn btn-primary" data-autofocus onClick={() => onClose(`${member.name}’s password is reset.`)}>
            Done
          </button>
        </div>
      </Modal>
    );
  }
  return (
    <ConfirmDialog
      title={`Reset ${member.name}’s password?`}
      confirm="Reset password"
      pending={reset.isPending}
      error={reset.error}
      onClose={onClose}
      onConfirm={() => reset.mutate({ email: member.email })}
    >
      <p>Their current password stops working. Their next sign-in sets a new one.</p>
    </ConfirmDialog>
  );
}

function ResetPinDialog({ member, onClose }: { member: StaffMember; onClose: Close }) {
  const reset = useStaffAction('staff.resetPin');
  return (
    <ConfirmDialog
      title={`Reset ${member.name}’s PIN?`}
      confirm="Reset PIN"
      pending={reset.isPending}
      error={reset.error}
      onClose={onClose}
      onConfirm={() =>
        reset.mutate(
          { email: member.email },
          {
            onSuccess: ({ signedOutHere }) =>
              onClose(
                signedOutHere > 0
                  ? `${member.name} is off this till’s lock screen: they sign in with their password and choose a new PIN.`
                  : `${member.name} isn’t signed in here: they choose a PIN at their next sign-in.`,
              ),
          },
        )
      }
    >
      <p>A PIN belongs to a sign-in on this till. Resetting it signs them out here; they come back with their password and choose a new PIN.</p>
    </ConfirmDialog>
  );
}
