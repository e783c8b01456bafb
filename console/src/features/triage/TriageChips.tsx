import { Badge, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { IconCheck, IconSparkles } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ConversationDto } from '@careloop/contracts';
import { headOrder, triageColor, triageHeads, type TriageHead } from './labels.ts';
import { useCorrectTriage } from './queries.ts';

/**
 * What the triage model read in the customer's latest message: language, mood, what they want, how
 * urgent. Each chip opens a menu to correct it; a correction teaches the shop's model.
 */
export function TriageChips({ conversation: c, readOnly = false }: { conversation: Pick<ConversationDto, 'id' | 'triage'>; readOnly?: boolean }) {
  const { t } = useTranslation();
  const correct = useCorrectTriage(c.id);
  if (!c.triage) return null;
  const triage = c.triage;

  return (
    <Group gap={4} wrap="wrap" data-testid="triage-chips" aria-label={t('triage.title')}>
      <IconSparkles size={12} aria-hidden color="var(--mantine-color-dimmed)" />
      {headOrder.map((head) => {
        const value = triage[head];
        const chip = (
          <Badge size="xs" variant={value ? 'light' : 'outline'} color={value ? triageColor(head, value) : 'gray'} tt="none" miw="max-content"
            style={{ cursor: readOnly ? undefined : 'pointer' }} data-testid={`triage-${head}`} data-value={value ?? ''}>
            {value ? t(`triage.${head}.${value}`) : t(`triage.unknown.${head}`)}
          </Badge>
        );
        if (readOnly) return <span key={head}>{chip}</span>;
        return (
          <Menu key={head} position="bottom-start" width={230} withinPortal>
            <Menu.Target>
              <UnstyledButton aria-label={t('triage.correctOf', { head: t(`triage.heads.${head}`) })} data-testid={`triage-${head}-menu`}>{chip}</UnstyledButton>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Label>{t(`triage.heads.${head}`)}</Menu.Label>
              {(triageHeads[head] as readonly string[]).map((option) => (
                <Menu.Item key={option} rightSection={option === value ? <IconCheck size={12} aria-hidden /> : null} disabled={option === value}
                  onClick={() => correct.mutate({ head: head as TriageHead, value: option })} data-testid={`triage-${head}-${option}`}>
                  {t(`triage.${head}.${option}`)}
                </Menu.Item>
              ))}
              <Menu.Divider />
              <Text size="xs" c="dimmed" px="xs" py={4} maw={220}>{t('triage.teaches')}</Text>
            </Menu.Dropdown>
          </Menu>
        );
      })}
    </Group>
  );
}
