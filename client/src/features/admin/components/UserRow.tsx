import { USER_ROLES, type User, type UserRole } from '@sentinel/shared';
import { memo, useState } from 'react';
import { ConfirmAction } from '../../../components/ConfirmAction';
import { TimeAgo } from '../../../components/TimeAgo';
import { describeError } from '../../../lib/api-client';
import { formatDateTime } from '../../../lib/format';
import { useDeleteUser, useUpdateUser } from '../api/users';
import { ResetPasswordForm } from './ResetPasswordForm';

/** One person: change the role, set a new password, delete (confirmed). The server refuses to remove the last admin (409) and says so. */
export const UserRow = memo(function UserRow({ user, isSelf }: { user: User; isSelf: boolean }) {
  const update = useUpdateUser();
  const remove = useDeleteUser();
  const [role, setRole] = useState<UserRole>(user.role);
  const [resetting, setResetting] = useState(false);
  const failure = update.error ?? remove.error;
  const roleId = `user-role-${user.id}`;
  return (
    <tr data-testid="user-row" data-user-id={user.id}>
      <th scope="row">
        {user.email}
        {isSelf && <span className="muted"> (you)</span>}
      </th>
      <td>
        <div className="inline-form">
          <label htmlFor={roleId} className="visually-hidden">
            Role of {user.email}
          </label>
          <select id={roleId} value={role} onChange={(event) => setRole(event.target.value as UserRole)}>
            {USER_ROLES.map((item) => (
              <option key={item} value={item}>
                {item}
              </option>
            ))}
          </select>
          {role !== user.role && (
            <button type="button" disabled={update.isPending} onClick={() => update.mutate({ id: user.id, changes: { role } })}>
              Change role<span className="visually-hidden"> of {user.email}</span>
            </button>
          )}
        </div>
      </td>
      <td>{formatDateTime(user.createdAt)}</td>
      <td>
        <TimeAgo iso={user.lastLoginAt} />
      </td>
      <td className="row-actions">
        {resetting ? (
          <ResetPasswordForm user={user} onDone={() => setResetting(false)} />
        ) : (
          <button type="button" onClick={() => setResetting(true)}>
            Set password…<span className="visually-hidden"> of {user.email}</span>
          </button>
        )}
        {!isSelf && (
          <ConfirmAction
            label="Delete…"
            question={`Delete ${user.email}? They can no longer sign in.`}
            confirmLabel="Delete"
            subject={`user ${user.email}`}
            busy={remove.isPending}
            onConfirm={() => remove.mutate(user.id)}
          />
        )}
        <p className="row-actions__result" role="status" aria-live="polite">
          {failure && `Could not change ${user.email}: ${describeError(failure)}`}
          {update.isSuccess && !failure && `Saved: ${update.data.email} is ${update.data.role}.`}
        </p>
      </td>
    </tr>
  );
});
