import { AddUserForm } from '../../features/admin/components/AddUserForm';
import { UserTable } from '../../features/admin/components/UserTable';

/** `/admin/users` (admin): the people who may sign in. */
export function UsersPage({ currentUserId }: { currentUserId: number | null }) {
  return (
    <div className="admin-page" data-testid="users-page">
      <h1>Users</h1>
      <AddUserForm />
      <UserTable currentUserId={currentUserId} />
    </div>
  );
}
