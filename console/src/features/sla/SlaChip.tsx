import { memo } from 'react';
import { Badge, Tooltip } from '@mantine/core';
import { IconClockHour4, IconPlayerPause } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ConversationDto } from '@careloop/contracts';
import { useMeQuery } from '../../app/session.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useTicker } from '../../ui/useTicker.ts';
import { slaLabel, slaViewAt, toneColor, type SlaTone } from './countdown.ts';
import { useSlaWarnings, wasSlaWarned } from './warnings.ts';

type Subject = Pick<ConversationDto, 'id' | 'sla' | 'createdAt' | 'waitingSince'>;

/**
 * The SLA countdown of a conversation, on its list row and in its header. It subscribes to the shared
 * one-second clock itself and re-renders only when its own text or colour changes.
 */
export const SlaChip = memo(function SlaChip({ conversation: c, size = 'xs' }: { conversation: Subject; size?: 'xs' | 'sm' }) {
  const { t, i18n } = useTranslation();
  const timeZone = useMeQuery().data?.workspace.timezone ?? 'Asia/Ho_Chi_Minh';
  useSlaWarnings();
  const view = slaViewAt(c, Date.now());
  const dueAt = view?.dueAt ?? null;
  const warned = wasSlaWarned(c.id, dueAt);
  // Tone and text together as one primitive, so the shared tick re-renders only on a change.
  const snapshot = useTicker((now) => {
    const v = slaViewAt(c, now, warned);
    return v ? `${v.tone}\n${slaLabel(v, t)}` : '';
  });
  if (!snapshot || !view) return null;
  const [tone, label] = snapshot.split('\n') as [SlaTone, string];
  const help = view.clock
    ? t(`sla.chip.help.${view.clock}`, { time: formatDateTime(view.dueAt, timeZone, i18n.language) })
    : t('sla.chip.pausedHelp');
  const policy = c.sla?.policyName ? ` · ${t('sla.chip.policy', { name: c.sla.policyName })}` : '';
  const missed = view.missed.length ? ` · ${t('sla.chip.missed', { clocks: view.missed.map((m) => t(`sla.clocks.${m}`)).join(', ') })}` : '';

  return (
    <Tooltip label={help + policy + missed} multiline maw={280} withArrow>
      <Badge size={size} variant={tone === 'overdue' ? 'filled' : 'light'} color={toneColor[tone]} tt="none" miw="max-content"
        leftSection={tone === 'paused' ? <IconPlayerPause size={10} aria-hidden /> : <IconClockHour4 size={10} aria-hidden />}
        aria-label={t('sla.chip.aria', { label })} data-testid="sla-chip" data-tone={tone} data-clock={view.clock ?? ''}>
        {label}
      </Badge>
    </Tooltip>
  );
});
