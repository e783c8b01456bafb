import { Menu, Text, UnstyledButton } from '@mantine/core';
import { IconCheck, IconLanguage, IconLogout } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { AgentDto, MeDto } from '@careloop/contracts';
import { setLanguage, type Language } from '../i18n/index.ts';
import { api, setCsrfToken } from '../lib/api.ts';
import { keys } from '../lib/queryKeys.ts';
import { AgentAvatar } from '../ui/AgentAvatar.tsx';
import { useMe } from './session.ts';

const availabilities = ['online', 'busy', 'offline'] as const;

/** Avatar menu: availability, language, sign out. */
export function ProfileMenu() {
  const me = useMe();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { t, i18n } = useTranslation();

  const availability = useMutation({
    mutationFn: (value: AgentDto['availability']) => api.patch<AgentDto>('/me', { availability: value }),
    onSuccess: (agent) => {
      qc.setQueryData<MeDto>(keys.me, (old) => (old ? { ...old, agent } : old));
      qc.setQueryData<AgentDto[]>(keys.agents, (list) => list?.map((a) => (a.id === agent.id ? agent : a)));
    },
  });
  const emailPrefs = useMutation({
    mutationFn: (value: AgentDto['emailNotifications']) => api.patch<AgentDto>('/me', { emailNotifications: value }),
    onSuccess: (agent) => qc.setQueryData<MeDto>(keys.me, (old) => (old ? { ...old, agent } : old)),
  });
  const prefs = me.agent.emailNotifications ?? { assigned: true, mentioned: true };
  const logout = useMutation({
    mutationFn: () => api.post<{ ok: true }>('/auth/logout'),
    onSettled: async () => {
      setCsrfToken(null);
      await navigate('/login', { replace: true });
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== keys.setupStatus[0] });
    },
  });

  return (
    <Menu position="bottom-end" width={220} withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={t('profile.menu')} data-testid="profile-menu">
          <AgentAvatar agent={me.agent} withStatus />
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="sm" fw={600} c="dark">{me.agent.name}</Text>
          <Text size="xs" c="dimmed">{me.agent.email}</Text>
        </Menu.Label>
        <Menu.Divider />
        <Menu.Label>{t('profile.availability')}</Menu.Label>
        {availabilities.map((value) => (
          <Menu.Item
            key={value}
            onClick={() => availability.mutate(value)}
            rightSection={me.agent.availability === value ? <IconCheck size={14} aria-hidden /> : null}
            aria-checked={me.agent.availability === value}
            role="menuitemradio"
            data-testid={`availability-${value}`}
          >
            {t(`availability.${value}`)}
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Label>{t('profile.emailNotifications')}</Menu.Label>
        {(['assigned', 'mentioned'] as const).map((kind) => (
          <Menu.Item
            key={kind}
            closeMenuOnClick={false}
            onClick={() => emailPrefs.mutate({ ...prefs, [kind]: !prefs[kind] })}
            rightSection={prefs[kind] ? <IconCheck size={14} aria-hidden /> : null}
            aria-checked={prefs[kind]}
            role="menuitemcheckbox"
            data-testid={`email-notify-${kind}`}
          >
            {t(`profile.emailWhen.${kind}`)}
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Label>
          <IconLanguage size={12} aria-hidden /> {t('profile.language')}
        </Menu.Label>
        {(['vi', 'en'] as Language[]).map((lang) => (
          <Menu.Item
            key={lang}
            onClick={() => setLanguage(lang)}
            rightSection={i18n.language === lang ? <IconCheck size={14} aria-hidden /> : null}
            aria-checked={i18n.language === lang}
            role="menuitemradio"
            data-testid={`language-${lang}`}
          >
            {t(`languages.${lang}`)}
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Item leftSection={<IconLogout size={14} aria-hidden />} onClick={() => logout.mutate()} data-testid="logout">
          {t('profile.logout')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
