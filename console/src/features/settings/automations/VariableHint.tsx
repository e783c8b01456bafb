import { Badge, Group, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { templateVariables } from '@careloop/contracts';

/** The variables a rule's text may use ({{contact.name}}…); a click adds one at the end of the text. */
export function VariableHint({ onInsert, readOnly }: { onInsert: (variable: string) => void; readOnly: boolean }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} data-testid="variable-hint">
      <Text size="xs" c="dimmed">{t('automations.action.variables')}</Text>
      {templateVariables.map((v) => {
        const token = `{{${v}}}`;
        const badge = <Badge size="xs" variant="outline" color="gray" tt="none" ff="monospace">{token}</Badge>;
        return readOnly ? <span key={v}>{badge}</span> : (
          <UnstyledButton key={v} onClick={() => onInsert(token)} aria-label={t('automations.action.insertVariable', { variable: token })} data-testid="variable-insert">
            {badge}
          </UnstyledButton>
        );
      })}
    </Group>
  );
}
