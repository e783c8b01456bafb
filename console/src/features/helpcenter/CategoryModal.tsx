import { useState, type FormEvent } from 'react';
import { Button, Group, Modal, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { helpCategoryInput, helpLimits, type HelpCategoryDto, type HelpCategoryInput } from '@careloop/contracts';
import { isApiError } from '../../lib/api.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { categoryInputOf, useSaveCategory } from './queries.ts';

type CategoryField = 'nameVi' | 'nameEn' | 'descriptionVi' | 'descriptionEn' | 'slug';
const categoryFields: readonly CategoryField[] = ['nameVi', 'nameEn', 'descriptionVi', 'descriptionEn', 'slug'];

/** The fields the contract refuses in a category form, and the ones a refused save names. */
export function categoryErrors(values: HelpCategoryInput, error: unknown): Partial<Record<CategoryField, 'required' | 'tooLong' | 'slugFormat' | 'slugTaken'>> {
  const out: Partial<Record<CategoryField, 'required' | 'tooLong' | 'slugFormat' | 'slugTaken'>> = {};
  const parsed = helpCategoryInput.safeParse(values);
  const issues: { path: unknown; code?: unknown }[] = parsed.success ? [] : parsed.error.issues;
  if (isApiError(error, 'validation_failed')) {
    const details = error.details as { issues?: { path: unknown; code?: unknown }[] } | null;
    issues.push(...(details?.issues ?? []));
  }
  for (const issue of issues) {
    const path = Array.isArray(issue.path) ? String(issue.path[0]) : String(issue.path ?? '').split('.')[0]!;
    const field = categoryFields.find((f) => f === path);
    if (field && !out[field]) out[field] = field === 'slug' ? 'slugFormat' : issue.code === 'too_big' ? 'tooLong' : 'required';
  }
  if (isApiError(error, 'already_exists')) out.slug = 'slugTaken';
  return out;
}

/** Create (category null) or rename a category, in Vietnamese and English; the address is chosen once. */
export function CategoryModal({ category, opened, onClose }: { category: HelpCategoryDto | null; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} size="lg" title={category ? t('helpcenter.categories.edit') : t('helpcenter.categories.create')}>
      {opened && <CategoryForm key={category?.id ?? 'new'} category={category} onDone={onClose} />}
    </Modal>
  );
}

function CategoryForm({ category, onDone }: { category: HelpCategoryDto | null; onDone: () => void }) {
  const { t } = useTranslation();
  const save = useSaveCategory();
  const [values, setValues] = useState<HelpCategoryInput>(() => (category ? categoryInputOf(category) : { nameVi: '', nameEn: '', descriptionVi: '', descriptionEn: '' }));
  const [slug, setSlug] = useState('');
  const [checked, setChecked] = useState(false);
  const body: HelpCategoryInput = { ...values, ...(!category && slug.trim() ? { slug: slug.trim() } : {}) };
  // Problems show once the form was sent: an empty name is not an error while it is being typed.
  const errors = checked ? categoryErrors(body, save.error) : {};
  const message = (f: CategoryField) => (errors[f] ? t(`helpcenter.categories.invalid.${errors[f]}`) : undefined);
  const set = (patch: Partial<HelpCategoryInput>) => setValues((v) => ({ ...v, ...patch }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setChecked(true);
    if (!helpCategoryInput.safeParse(body).success) return;
    save.mutate({ id: category?.id ?? null, input: body }, { onSuccess: onDone });
  };
  return (
    <form onSubmit={submit} noValidate data-testid="help-category-form">
      <Stack gap="sm">
        {save.error && Object.keys(errors).length === 0 && <ErrorAlert error={save.error} />}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label={t('helpcenter.categories.nameVi')} required lang="vi" value={values.nameVi} maxLength={helpLimits.categoryNameChars}
            error={message('nameVi')} onChange={(e) => set({ nameVi: e.currentTarget.value })} data-testid="help-category-name-vi" data-autofocus />
          <TextInput label={t('helpcenter.categories.nameEn')} lang="en" value={values.nameEn} maxLength={helpLimits.categoryNameChars}
            error={message('nameEn')} onChange={(e) => set({ nameEn: e.currentTarget.value })} data-testid="help-category-name-en" />
          <Textarea label={t('helpcenter.categories.descriptionVi')} lang="vi" autosize minRows={2} value={values.descriptionVi} maxLength={helpLimits.descriptionChars}
            error={message('descriptionVi')} onChange={(e) => set({ descriptionVi: e.currentTarget.value })} data-testid="help-category-description-vi" />
          <Textarea label={t('helpcenter.categories.descriptionEn')} lang="en" autosize minRows={2} value={values.descriptionEn} maxLength={helpLimits.descriptionChars}
            error={message('descriptionEn')} onChange={(e) => set({ descriptionEn: e.currentTarget.value })} data-testid="help-category-description-en" />
        </SimpleGrid>
        {category
          ? <TextInput label={t('helpcenter.categories.slug')} value={category.slug} disabled description={t('helpcenter.categories.slugLocked')} />
          : <TextInput label={t('helpcenter.categories.slug')} value={slug} maxLength={helpLimits.slugChars} placeholder={t('helpcenter.editor.slugAuto')}
              description={t('helpcenter.categories.slugHelp')} error={message('slug')} onChange={(e) => setSlug(e.currentTarget.value.toLowerCase())}
              data-testid="help-category-slug" />}
      </Stack>
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={onDone}>{t('common.cancel')}</Button>
        <Button type="submit" loading={save.isPending} data-testid="help-category-save">{t('common.save')}</Button>
      </Group>
    </form>
  );
}
