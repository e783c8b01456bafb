import { Badge, Group, Stack, Text } from '@mantine/core';
import { IconBan, IconMail, IconPhone } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ContactDto } from '@careloop/contracts';
import { useInboxes } from '../../app/directory.ts';

/** A value of a custom attribute, always as text. */
export function attributeText(value: unknown): string {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Email, phone, channels, tags, attributes and the blocked flag: shared by the sidebar and the contact page. */
export function ContactFacts({ contact }: { contact: ContactDto }) {
  const { t } = useTranslation();
  const inboxes = useInboxes();
  const attributes = Object.entries(contact.attributes ?? {});
  return (
    <Stack gap={8}>
      {contact.blocked && (
        <div className="blocked-flag" role="status" data-testid="contact-blocked">
          <Group gap={4}><IconBan size={14} aria-hidden /><Text size="sm" fw={600}>{t('contact.blocked')}</Text></Group>
          {contact.blockedReason && <Text size="xs">{contact.blockedReason}</Text>}
        </div>
      )}
      <Group gap={6} wrap="nowrap">
        <IconMail size={14} aria-hidden />
        <Text size="sm" className="truncate" data-testid="contact-email">{contact.email ?? <Text span c="dimmed" size="sm">–</Text>}</Text>
      </Group>
      <Group gap={6} wrap="nowrap">
        <IconPhone size={14} aria-hidden />
        <Text size="sm" data-testid="contact-phone">{contact.phoneDisplay ?? contact.phone ?? <Text span c="dimmed" size="sm">–</Text>}</Text>
      </Group>
      <div>
        <Text size="xs" fw={600} c="dimmed" tt="uppercase">{t('contact.channels')}</Text>
        {contact.identities.length === 0 && <Text size="xs" c="dimmed">–</Text>}
        {contact.identities.map((i) => (
          <Text key={i.id} size="xs" className="truncate" data-testid="contact-identity">
            {t(`channels.${i.channel}`, { defaultValue: i.channel })}
            {' · '}
            {inboxes.data?.find((x) => x.id === i.inboxId)?.name ?? i.inboxId}
            {' · '}
            <Text span c="dimmed" size="xs">{i.externalId}</Text>
          </Text>
        ))}
      </div>
      {contact.tags.length > 0 && (
        <Group gap={4} data-testid="contact-tags">
          {contact.tags.map((tag) => <Badge key={tag} size="xs" variant="light" color="gray">{tag}</Badge>)}
        </Group>
      )}
      {attributes.length > 0 && (
        <div>
          <Text size="xs" fw={600} c="dimmed" tt="uppercase">{t('contact.attributes')}</Text>
          <dl className="attributes" data-testid="contact-attributes">
            {attributes.map(([key, value]) => (
              <div key={key}>
                <dt>{key}</dt>
                <dd>{attributeText(value)}</dd>
              </div>
            ))}
          </dl>
        </div>
      )}
    </Stack>
  );
}
