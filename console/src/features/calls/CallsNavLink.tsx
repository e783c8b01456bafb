import { Badge, UnstyledButton } from '@mantine/core';
import { IconPhoneIncoming } from '@tabler/icons-react';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useOpenCallbackCount } from './queries.ts';

/** "Calls to return" in the inbox views, with how many wait (red while any do). */
export function CallsNavLink({ active }: { active: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const count = useOpenCallbackCount();
  const n = count.data?.count ?? 0;
  return (
    <UnstyledButton className={`view-link${active ? ' active' : ''}`} aria-current={active ? 'true' : undefined}
      onClick={() => void navigate('/calls')} data-testid="view-calls">
      <IconPhoneIncoming size={16} aria-hidden />
      <span className="grow">{t('calls.callbacks.nav')}</span>
      <Badge size="sm" variant={active || n > 0 ? 'filled' : 'light'} color={n > 0 ? 'red' : 'gray'} data-testid="count-calls"
        aria-label={count.data ? t('calls.callbacks.count', { count: n }) : undefined}>
        {count.data ? `${n}${count.data.more ? '+' : ''}` : '–'}
      </Badge>
    </UnstyledButton>
  );
}
