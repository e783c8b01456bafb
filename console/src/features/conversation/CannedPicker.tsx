import { useState } from 'react';
import { ActionIcon, Popover, ScrollArea, Text, TextInput, Tooltip, UnstyledButton } from '@mantine/core';
import { IconMessageBolt } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { fold, type CannedResponseDto } from '@careloop/contracts';
import { useCanned } from '../../app/directory.ts';

/** The mouse route to canned responses (the keyboard route is typing `/`). */
export function CannedPicker({ onPick }: { onPick: (canned: CannedResponseDto) => void }) {
  const { t } = useTranslation();
  const canned = useCanned();
  const [opened, setOpened] = useState(false);
  const [q, setQ] = useState('');
  const folded = fold(q.trim());
  const list = (canned.data ?? []).filter((c) => !folded || fold(`${c.shortCode} ${c.title} ${c.body}`).includes(folded));

  return (
    <Popover opened={opened} onChange={setOpened} position="top-start" width={360} shadow="md" trapFocus withinPortal>
      <Popover.Target>
        <Tooltip label={t('composer.canned')}>
          <ActionIcon variant="subtle" color="gray" onClick={() => setOpened((o) => !o)} aria-label={t('composer.canned')} data-testid="canned-button">
            <IconMessageBolt size={18} aria-hidden />
          </ActionIcon>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown p={6} data-testid="canned-menu">
        <TextInput size="xs" placeholder={t('composer.cannedSearch')} value={q} onChange={(e) => setQ(e.currentTarget.value)}
          aria-label={t('composer.cannedSearch')} data-autofocus mb={4} />
        <ScrollArea.Autosize mah={300}>
          {list.length === 0 && <Text size="sm" c="dimmed" p="xs">{t('composer.noCanned')}</Text>}
          {list.map((c) => (
            <UnstyledButton key={c.id} className="suggestion" data-testid="canned-item"
              onClick={() => {
                onPick(c);
                setOpened(false);
                setQ('');
              }}>
              <Text size="sm"><Text span fw={600} c="indigo">/{c.shortCode}</Text> {c.title}</Text>
              <Text size="xs" c="dimmed" lineClamp={2}>{c.body}</Text>
            </UnstyledButton>
          ))}
        </ScrollArea.Autosize>
      </Popover.Dropdown>
    </Popover>
  );
}
