import { useMemo, useRef, useState, type FormEvent } from 'react';
import { Alert, Button, Group, Input, Paper, Select, Stack, Switch, Text, Title } from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { OrderImportDto } from '@careloop/contracts';
import { useMe } from '../../../app/session.ts';
import { api } from '../../../lib/api.ts';
import { formatBytes } from '../../../lib/format.ts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { SectionHeader } from '../SectionHeader.tsx';
import { cleanMapping, guessMapping, mappingProblem, readCsvHeader, type Mapping } from './csvHeader.ts';
import { ImportHistory } from './ImportHistory.tsx';
import { defaultDryRun, type ImportRun } from './importProgress.ts';
import { ImportProgress, ImportResult } from './ImportResult.tsx';
import { MappingEditor } from './MappingEditor.tsx';
import { presetChoices, shopKeys, uploadOrdersCsv, type ImportOptions, type PresetChoice } from './shopApi.ts';
import { useImportProgress } from './useImportProgress.ts';

/** Every zone Intl knows, with the workspace's own first if Intl does not list it (older engines, aliases). */
function timeZones(own: string): string[] {
  const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  return supported.includes(own) ? supported : [own, ...supported];
}

/** "Nhập đơn từ CSV": a shop's order export (Shopify, WooCommerce or any CSV with a mapping), dry run first. */
export default function OrderImports() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const me = useMe();
  const history = useQuery({ queryKey: shopKeys.imports, queryFn: () => api.get<OrderImportDto[]>('/commerce/imports') });
  const [file, setFile] = useState<File | null>(null);
  const [headers, setHeaders] = useState<string[]>([]);
  const [preset, setPreset] = useState<PresetChoice>('auto');
  const ownZone = me.workspace.timezone || 'Asia/Ho_Chi_Minh';
  const [timezone, setTimezone] = useState(ownZone);
  const [dryRunChoice, setDryRun] = useState<boolean | null>(null);
  const [mapping, setMapping] = useState<Mapping>({});
  const [run, setRun] = useState<ImportRun | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const chosen = useRef<File | null>(null);
  const zones = useMemo(() => timeZones(ownZone), [ownZone]);
  const dryRun = dryRunChoice ?? defaultDryRun(history.data);
  const progress = useImportProgress(run);

  const upload = useMutation({
    mutationFn: ({ file: body, options }: { file: File; options: ImportOptions }) => uploadOrdersCsv(body, options, me.csrfToken),
    meta: { handlesError: true },
    onMutate: ({ file: body, options }) => setRun({ fileName: body.name, dryRun: options.dryRun, knownIds: new Set(history.data?.map((i) => i.id)) }),
    onSettled: () => {
      setRun(null);
      void qc.invalidateQueries({ queryKey: shopKeys.imports });
    },
  });

  const choose = async (next: File | null) => {
    chosen.current = next;
    setFile(next);
    setHeaders([]);
    setProblem(null);
    upload.reset();
    if (!next) return;
    const found = await readCsvHeader(next).catch(() => [] as string[]);
    if (chosen.current !== next) return;
    setHeaders(found);
    setMapping(guessMapping(found));
  };
  const start = (dry: boolean) => {
    if (!file) return setProblem(t('shop.imports.chooseFile'));
    const clean = preset === 'generic' ? cleanMapping(mapping, headers) : null;
    const missing = clean ? mappingProblem(clean) : null;
    if (missing) return setProblem(t(`shop.imports.mapping.${missing}`));
    setProblem(null);
    upload.mutate({ file, options: { preset, dryRun: dry, timezone, fileName: file.name, mapping: clean } });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    start(dryRun);
  };

  return (
    <>
      <SectionHeader title={t('shop.sections.order-imports')} description={t('shop.imports.description')} />
      <Stack gap="md" maw={920}>
        <Paper withBorder p="md">
          <form onSubmit={submit} noValidate>
            <Stack gap="sm">
              <Input.Wrapper id="import-file" label={t('shop.imports.file')} description={t('shop.imports.fileHelp')}>
                <input id="import-file" type="file" accept=".csv,text/csv" disabled={upload.isPending} style={{ display: 'block', marginTop: 6 }}
                  onChange={(e) => void choose(e.currentTarget.files?.[0] ?? null)} data-testid="import-file" />
              </Input.Wrapper>
              {file && (
                <Text size="xs" c="dimmed" data-testid="import-file-info">
                  {t('shop.imports.fileInfo', { name: file.name, size: formatBytes(file.size, i18n.language), count: headers.length })}
                </Text>
              )}
              <Group grow align="flex-start">
                <Select label={t('shop.imports.preset')} description={t(`shop.presetHelp.${preset}`)} allowDeselect={false}
                  data={presetChoices.map((p) => ({ value: p, label: t(`shop.presets.${p}`) }))} value={preset}
                  onChange={(p) => p && setPreset(p as PresetChoice)} data-testid="import-preset" />
                <Select label={t('shop.imports.timezone')} description={t('shop.imports.timezoneHelp')} data={zones} value={timezone} searchable
                  allowDeselect={false} onChange={(z) => z && setTimezone(z)} data-testid="import-timezone" />
              </Group>
              {preset === 'woo_analytics' && <Alert color="yellow" p="xs"><Text size="xs">{t('shop.imports.wooAnalyticsLimit')}</Text></Alert>}
              {preset === 'generic' && file && <MappingEditor headers={headers} mapping={mapping} onChange={setMapping} />}
              <Switch checked={dryRun} onChange={(e) => setDryRun(e.currentTarget.checked)} label={t('shop.imports.dryRun')}
                description={t('shop.imports.dryRunHelp')} data-testid="import-dry-run" />
              {problem && <Alert color="red" p="xs" role="alert" data-testid="import-problem">{problem}</Alert>}
              {upload.error && <ErrorAlert error={upload.error} />}
              <Group justify="flex-end">
                <Button type="submit" leftSection={<IconUpload size={14} aria-hidden />} loading={upload.isPending} disabled={!file}
                  data-testid="import-submit">
                  {dryRun ? t('shop.imports.submitDry') : t('shop.imports.submit')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
        {upload.isPending && <ImportProgress dto={progress} fileName={run?.fileName ?? file?.name ?? ''} />}
        {upload.data && !upload.isPending && (
          <ImportResult dto={upload.data} onRunForReal={() => {
            setDryRun(false);
            start(false);
          }} />
        )}
        <div>
          <Title order={2} size="h5" mb="xs">{t('shop.imports.history')}</Title>
          {history.error && <ErrorAlert error={history.error} />}
          {history.data && <ImportHistory imports={history.data} />}
        </div>
      </Stack>
    </>
  );
}
