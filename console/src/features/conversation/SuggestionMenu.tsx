import { Group, Paper, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AgentAvatar } from '../../ui/AgentAvatar.tsx';
import type { Suggestion } from './useSuggestions.ts';

interface Props {
  id: string;
  kind: 'canned' | 'mention';
  items: Suggestion[];
  active: number;
  onPick: (item: Suggestion) => void;
  onHover: (index: number) => void;
}

/** The pop-up above the composer; the textarea keeps focus and drives it with the arrow keys. */
export function SuggestionMenu({ id, kind, items, active, onPick, onHover }: Props) {
  const { t } = useTranslation();
  return (
    <Paper className="suggestions" shadow="md" withBorder data-testid={kind === 'canned' ? 'canned-menu' : 'mention-menu'}>
      <Text size="xs" c="dimmed" px="xs" pt={4}>{kind === 'canned' ? t('composer.cannedHint') : t('composer.mentionHint')}</Text>
      <div role="listbox" id={id} aria-label={kind === 'canned' ? t('composer.canned') : t('composer.mention')}>
        {items.map((item, index) => (
          <UnstyledButton
            key={item.id}
            id={`${id}-${index}`}
            role="option"
            aria-selected={index === active}
            className={`suggestion${index === active ? ' active' : ''}`}
            tabIndex={-1}
            onMouseDown={(e) => e.preventDefault()}
            onMouseEnter={() => onHover(index)}
            onClick={() => onPick(item)}
            data-testid={kind === 'canned' ? 'canned-item' : 'mention-item'}
          >
            {item.kind === 'canned' ? (
              <div style={{ minWidth: 0 }}>
                <Group gap={6} wrap="nowrap">
                  <Text size="sm" fw={600} c="indigo">/{item.canned.shortCode}</Text>
                  <Text size="sm" truncate="end">{item.canned.title}</Text>
                </Group>
                <Text size="xs" c="dimmed" lineClamp={1}>{item.canned.body}</Text>
              </div>
            ) : (
              <Group gap={6} wrap="nowrap">
                <AgentAvatar agent={item.agent} size={20} />
                <Text size="sm">{item.agent.name}</Text>
                <Text size="xs" c="dimmed">{item.agent.email}</Text>
              </Group>
            )}
          </UnstyledButton>
        ))}
      </div>
    </Paper>
  );
}
