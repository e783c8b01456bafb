import { Anchor, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { ContactDto, ConversationDto } from '@careloop/contracts';
import { api } from '../../lib/api.ts';
import { keys } from '../../lib/queryKeys.ts';
import { contactLabel } from '../../ui/names.ts';

/** While searching the inbox, contacts that match too (GET /search), so a customer is one click away. */
export function SearchContacts({ q }: { q: string }) {
  const { t } = useTranslation();
  const search = useQuery({
    queryKey: keys.search(q),
    queryFn: ({ signal }) => api.get<{ conversations: ConversationDto[]; contacts: ContactDto[] }>('/search', { q }, signal),
    staleTime: 30_000,
  });
  const contacts = search.data?.contacts.slice(0, 5) ?? [];
  if (contacts.length === 0) return null;
  return (
    <div className="search-contacts" data-testid="search-contacts">
      <Text size="xs" fw={600} c="dimmed" tt="uppercase" mb={2}>{t('inbox.matchingContacts')}</Text>
      <Stack gap={0}>
        {contacts.map((c) => (
          <Anchor key={c.id} component={Link} to={`/contacts/${c.id}`} size="sm" truncate="end">
            {contactLabel(c)}
            {c.email && c.name ? <Text span size="xs" c="dimmed"> · {c.email}</Text> : null}
          </Anchor>
        ))}
      </Stack>
    </div>
  );
}
