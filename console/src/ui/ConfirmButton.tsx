import { useState, type ReactNode } from 'react';
import { Button, Group, Popover, Text, type ButtonProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface Props extends ButtonProps {
  /** What will happen, shown before anything does. */
  question: string;
  confirmLabel?: string;
  onConfirm: () => void;
  children: ReactNode;
  testId?: string;
}

/** A destructive action behind a one-step confirmation popover (no browser dialog). */
export function ConfirmButton({ question, confirmLabel, onConfirm, children, testId, ...button }: Props) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" withArrow shadow="md" trapFocus withinPortal>
      <Popover.Target>
        <Button {...button} onClick={() => setOpened((o) => !o)} data-testid={testId}>{children}</Button>
      </Popover.Target>
      <Popover.Dropdown maw={280}>
        <Text size="sm" mb="xs">{question}</Text>
        <Group gap="xs" justify="flex-end">
          <Button size="compact-sm" variant="default" onClick={() => setOpened(false)}>{t('common.cancel')}</Button>
          <Button size="compact-sm" color="red" data-testid={testId ? `${testId}-confirm` : undefined}
            onClick={() => {
              setOpened(false);
              onConfirm();
            }}>
            {confirmLabel ?? t('common.confirm')}
          </Button>
        </Group>
      </Popover.Dropdown>
    </Popover>
  );
}
