import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Modal, SegmentedControl, Select, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { surveyDefinitionInput, surveyKinds, surveyLimits, type SurveyDefinitionDto, type SurveyKind } from '@careloop/contracts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { FollowUpsEditor, RewardFields, TextsFields } from './DefinitionFields.tsx';
import { displaysOf, switchKind, type DefinitionDraft } from './definitionForm.ts';
import { clientErrors, errorAt, mergeErrors, serverErrors, type FieldErrors } from './fieldErrors.ts';
import { useSaveDefinition } from './queries.ts';

/** The survey being created or edited; `draft` is its starting point (the modal keeps its own copy). */
export function DefinitionModal({ draft, all, readOnly, onClose }: { draft: DefinitionDraft | null; all: SurveyDefinitionDto[]; readOnly: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const title = !draft?.id ? t('surveys.definitions.create') : readOnly ? t('surveys.definitions.view') : t('surveys.definitions.edit');
  return (
    <Modal opened={draft !== null} onClose={onClose} title={title} size="xl">
      {draft && <DefinitionFormBody key={draft.id ?? 'new'} initial={draft} all={all} readOnly={readOnly} onDone={onClose} />}
    </Modal>
  );
}

export function DefinitionFormBody({ initial, all, readOnly, onDone }: { initial: DefinitionDraft; all: SurveyDefinitionDto[]; readOnly: boolean; onDone: () => void }) {
  const { t } = useTranslation();
  const save = useSaveDefinition();
  const [draft, setDraft] = useState(initial);
  const [client, setClient] = useState<FieldErrors>(new Map());
  const errors = mergeErrors(client, serverErrors(save.error));
  const err = (path: string, below = false) => { const key = errorAt(errors, path, below); return key ? t(key) : undefined; };
  const input = draft.input;
  const set = (patch: Partial<DefinitionDraft['input']>) => setDraft((d) => ({ ...d, input: { ...d.input, ...patch } }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (readOnly) return;
    const found = clientErrors(surveyDefinitionInput, input);
    setClient(found);
    if (found.size === 0) save.mutate({ id: draft.id, input }, { onSuccess: onDone });
  };

  return (
    <form onSubmit={submit} noValidate data-testid="survey-definition-form">
      <Stack gap="sm">
        {save.error && <ErrorAlert error={save.error} testId="survey-definition-error" />}
        <fieldset disabled={readOnly} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
          <Stack gap="sm">
            {draft.builtin && <Alert color="blue" p="xs" data-testid="survey-definition-builtin">{t('surveys.definitions.builtinHelp')}</Alert>}
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <TextInput label={t('surveys.definitions.name')} value={input.name} maxLength={surveyLimits.nameChars} error={err('name')}
                onChange={(e) => set({ name: e.currentTarget.value })} data-testid="survey-definition-name" />
              <Select<SurveyKind> label={t('surveys.definitions.kind')} value={input.kind} allowDeselect={false} error={err('kind')}
                description={draft.id ? t('surveys.definitions.kindFixed') : t(`surveys.kindHelp.${input.kind}`)} disabled={draft.id !== null}
                data={surveyKinds.map((k) => ({ value: k, label: t(`surveys.kinds.${k}`) }))} data-testid="survey-definition-kind"
                onChange={(k) => k && setDraft((d) => switchKind(d, k, all))} />
            </SimpleGrid>
            <div>
              <Text size="sm" fw={500} id="survey-display-label">{t('surveys.definitions.display')}</Text>
              <SegmentedControl size="xs" value={input.display} aria-labelledby="survey-display-label" data-testid="survey-definition-display"
                disabled={readOnly || input.kind === 'nps'} onChange={(v) => set({ display: v as typeof input.display })}
                data={displaysOf(input.kind).map((d) => ({ value: d, label: t(`surveys.displays.${d}`) }))} />
              {input.kind === 'nps' && <Text size="xs" c="dimmed">{t('surveys.definitions.npsNumbers')}</Text>}
            </div>
            <Switch label={t('surveys.definitions.enabledLabel')} checked={input.enabled} onChange={(e) => set({ enabled: e.currentTarget.checked })}
              data-testid="survey-definition-enabled-input" />
          </Stack>
        </fieldset>
        <TextsFields texts={input.texts} readOnly={readOnly} err={err} onChange={(texts) => set({ texts })} />
        <FollowUpsEditor list={input.followUps} readOnly={readOnly} err={err} onChange={(followUps) => set({ followUps })} />
        <RewardFields reward={input.reward} readOnly={readOnly} err={err} onChange={(reward) => set({ reward })} />
        {client.size > 0 && <Alert color="red" p="xs" role="alert" data-testid="survey-definition-invalid">{t('errors.validation_failed')}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>{readOnly ? t('surveys.close') : t('common.cancel')}</Button>
          {!readOnly && <Button type="submit" loading={save.isPending} data-testid="survey-definition-save">{t('common.save')}</Button>}
        </Group>
      </Stack>
    </form>
  );
}
