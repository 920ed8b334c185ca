import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, Route, Routes } from 'react-router';
import { NotFound } from '../shell/States';
import { AuditLog } from './AuditLog';
import { People } from './People';
import { Playbooks } from './Playbooks';
import { RoleAssignments } from './RoleAssignments';
import { Tokens } from './Tokens';
import { Units } from './Units';

/** The admin pages: a separate chunk, loaded only when an admin opens one of them. */
export default function AdminPage() {
  const { t } = useTranslation();
  const tabs = ['units', 'people', 'roles', 'tokens', 'audit', 'playbooks'] as const;
  return (
    <div className="page admin">
      <h1>{t('admin.title')}</h1>
      <nav aria-label={t('admin.nav')} className="subnav">
        {tabs.map((k) => (
          <NavLink key={k} to={`/admin/${k}`}>
            {t(`admin.${k}.title`)}
          </NavLink>
        ))}
      </nav>
      <Routes>
        <Route index element={<Navigate to="units" replace />} />
        <Route path="units" element={<Units />} />
        <Route path="people" element={<People />} />
        <Route path="roles" element={<RoleAssignments />} />
        <Route path="tokens" element={<Tokens />} />
        <Route path="audit" element={<AuditLog />} />
        <Route path="playbooks" element={<Playbooks />} />
        <Route path="playbooks/:key" element={<Playbooks />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </div>
  );
}
