import { ErrorMessage } from '../../../components/ErrorMessage';
import { plural } from '../../../lib/format';
import { useUsers } from '../api/users';
import { UserRow } from './UserRow';

export function UserTable({ currentUserId }: { currentUserId: number | null }) {
  const users = useUsers();
  if (users.isPending) return <p className="muted">Loading people…</p>;
  if (users.isError) return <ErrorMessage error={users.error} prefix="Could not load the people" />;
  const sorted = [...users.data].sort((a, b) => a.email.localeCompare(b.email));
  return (
    <section aria-labelledby="users-heading">
      <div className="panel-heading">
        <h2 id="users-heading">People</h2>
        <span className="panel-heading__note">{plural(users.data.length, 'account')}</span>
      </div>
      <div className="table-scroll">
        <table className="admin-table" data-testid="users-table">
          <thead>
            <tr>
              <th scope="col">E-mail</th>
              <th scope="col">Role</th>
              <th scope="col">Added</th>
              <th scope="col">Last sign-in</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((user) => (
              <UserRow key={user.id} user={user} isSelf={user.id === currentUserId} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
