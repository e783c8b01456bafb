import { useState } from 'react';
import { ActionIcon, Alert, Button, Card, Group, Stack, Text } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPencil, IconPlus } from '@tabler/icons-react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { HelpCategoryDto } from '@careloop/contracts';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { CategoryModal } from './CategoryModal.tsx';
import { moved, useDeleteCategory, useHelpCategories, useReorderCategories } from './queries.ts';

/** Categories in the order the public site shows them: create, rename (vi/en), reorder, delete. */
export function CategoryList({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation();
  const categories = useHelpCategories();
  const reorder = useReorderCategories();
  const remove = useDeleteCategory();
  const [editing, setEditing] = useState<HelpCategoryDto | null>(null);
  const [creating, setCreating] = useState(false);
  const list = categories.data ?? [];
  const ids = list.map((c) => c.id);

  return (
    <Stack gap="sm" maw={900}>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">{t('helpcenter.categories.help')}</Text>
        {canWrite && (
          <Button size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setCreating(true)} data-testid="help-category-create">
            {t('helpcenter.categories.create')}
          </Button>
        )}
      </Group>
      {categories.error && <ErrorAlert error={categories.error} />}
      {(reorder.error || remove.error) && <ErrorAlert error={reorder.error ?? remove.error} />}
      {categories.data && list.length === 0 && <Alert color="gray" p="sm" data-testid="help-category-empty">{t('helpcenter.categories.empty')}</Alert>}
      {list.map((c, i) => (
        <Card key={c.id} withBorder padding="sm" data-testid="help-category-row" data-category-id={c.id}>
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <div style={{ minWidth: 0 }}>
              <Text fw={600} lang="vi" data-testid="help-category-name">{c.nameVi}</Text>
              <Text size="sm" c={c.nameEn ? undefined : 'dimmed'} lang="en">{c.nameEn || t('helpcenter.categories.noEnglish')}</Text>
              <Text size="xs" c="dimmed">
                /{c.slug} · <Link to={`/helpcenter?category=${encodeURIComponent(c.id)}`}>{t('helpcenter.categories.articles', { count: c.articleCount })}</Link>
              </Text>
            </div>
            {canWrite && (
              <Group gap={4} wrap="nowrap">
                <ActionIcon variant="subtle" color="gray" disabled={i === 0 || reorder.isPending} aria-label={t('helpcenter.list.moveUp')}
                  onClick={() => reorder.mutate(moved(ids, c.id, -1))} data-testid="help-category-up"><IconArrowUp size={16} aria-hidden /></ActionIcon>
                <ActionIcon variant="subtle" color="gray" disabled={i === list.length - 1 || reorder.isPending} aria-label={t('helpcenter.list.moveDown')}
                  onClick={() => reorder.mutate(moved(ids, c.id, 1))} data-testid="help-category-down"><IconArrowDown size={16} aria-hidden /></ActionIcon>
                <ActionIcon variant="subtle" color="gray" aria-label={t('helpcenter.categories.edit')} onClick={() => setEditing(c)} data-testid="help-category-edit">
                  <IconPencil size={16} aria-hidden />
                </ActionIcon>
                <ConfirmButton size="compact-xs" variant="subtle" color="red" confirmLabel={t('common.delete')} testId="help-category-delete"
                  question={t('helpcenter.categories.deleteQuestion', { name: c.nameVi, count: c.articleCount })} onConfirm={() => remove.mutate(c.id)}>
                  {t('common.delete')}
                </ConfirmButton>
              </Group>
            )}
          </Group>
        </Card>
      ))}
      <CategoryModal category={editing} opened={creating || editing !== null} onClose={() => { setCreating(false); setEditing(null); }} />
    </Stack>
  );
}
