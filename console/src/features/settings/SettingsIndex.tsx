import { Navigate } from 'react-router-dom';
import { useMe } from '../../app/session.ts';
import { visibleSections } from './access.ts';

export default function SettingsIndex() {
  const me = useMe();
  const first = visibleSections(me.agent.role)[0];
  return <Navigate to={`/settings/${first?.path ?? 'canned'}`} replace />;
}
