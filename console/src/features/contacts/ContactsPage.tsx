import { useMemo, useState } from 'react';
import { Badge, Button, Group, Loader, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { LoadMore } from '../../ui/LoadMore.tsx';
import { contactLabel } from '../../ui/names.ts';
import { useFormat } from '../../ui/useFormat.ts';
import { ContactFormModal } from './ContactFormModal.tsx';
import { useContactList } from './queries.ts';

/** Every contact, searchable without diacritics ("nguyen" finds "Nguyễn"). */
export default function ContactsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const format = useFormat();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [creating, setCreating] = useState(false);
  const list = useContactList(q);
  const items = useMemo(() => (list.data?.pages ?? []).flatMap((p) => p.items), [list.data]);

  return (
    <div className="page">
      <Group justify="space-between" mb="sm">
        <Title order={1} size="h3">{t('contacts.title')}</Title>
        <Button size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setCreating(true)} data-testid="contact-create">
          {t('contacts.create')}
        </Button>
      </Group>
      <TextInput
        mb="sm"
        maw={420}
        size="sm"
        leftSection={<IconSearch size={14} aria-hidden />}
        placeholder={t('contacts.searchPlaceholder')}
        aria-label={t('contacts.search')}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        data-testid="contact-search"
      />
      {list.error && <ErrorAlert error={list.error} />}
      <Table highlightOnHover verticalSpacing={6} data-testid="contact-list" stickyHeader>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('fields.name')}</Table.Th>
            <Table.Th>{t('fields.email')}</Table.Th>
            <Table.Th>{t('fields.phone')}</Table.Th>
            <Table.Th>{t('contact.tags')}</Table.Th>
            <Table.Th>{t('contacts.lastActivity')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((c) => (
            <Table.Tr key={c.id} className="clickable" data-testid="contact-row" data-contact-id={c.id}
              tabIndex={0} onClick={() => void navigate(`/contacts/${c.id}`)}
              onKeyDown={(e) => e.key === 'Enter' && void navigate(`/contacts/${c.id}`)}>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <Text size="sm" fw={500}>{contactLabel(c)}</Text>
                  {c.blocked && <Badge size="xs" color="red">{t('contact.blocked')}</Badge>}
                </Group>
              </Table.Td>
              <Table.Td><Text size="sm">{c.email ?? ''}</Text></Table.Td>
              <Table.Td><Text size="sm">{c.phoneDisplay ?? c.phone ?? ''}</Text></Table.Td>
              <Table.Td>
                <Group gap={2}>{c.tags.slice(0, 3).map((tag) => <Badge key={tag} size="xs" variant="light" color="gray">{tag}</Badge>)}</Group>
              </Table.Td>
              <Table.Td><Text size="xs" c="dimmed">{format.relative(c.lastActivityAt)}</Text></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {list.isLoading && <Loader size="sm" m="md" />}
      {list.isSuccess && items.length === 0 && <Text c="dimmed" size="sm" p="md">{q ? t('contacts.noResults') : t('contacts.empty')}</Text>}
      <LoadMore hasMore={list.hasNextPage} loading={list.isFetchingNextPage} onLoad={() => void list.fetchNextPage()} />
      <ContactFormModal opened={creating} onClose={() => setCreating(false)} onSaved={(c) => void navigate(`/contacts/${c.id}`)} />
    </div>
  );
}
