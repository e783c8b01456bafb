import { Alert, Badge, Button, Group, List, Paper, Progress, ScrollArea, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OrderImportDto } from '@careloop/contracts';
import { formatBytes, formatNumber } from '../../../lib/format.ts';
import { splitIssue } from './importIssues.ts';
import { progressPercent } from './importProgress.ts';

const shownRejections = 50;

/** Live: bytes read out of the file size, with the running counts. Before the first event: the upload. */
export function ImportProgress({ dto, fileName }: { dto: OrderImportDto | null; fileName: string }) {
  const { t, i18n } = useTranslation();
  const percent = dto ? progressPercent(dto) : null;
  const n = (v: number) => formatNumber(v, i18n.language);
  return (
    <Paper withBorder p="md" data-testid="import-progress" data-percent={percent ?? undefined}>
      <Group justify="space-between" mb={6}>
        <Text size="sm" fw={600}>{dto ? t('shop.imports.reading', { file: fileName }) : t('shop.imports.uploading', { file: fileName })}</Text>
        {percent !== null && <Text size="sm">{percent}%</Text>}
      </Group>
      <Progress value={percent ?? 100} striped={percent === null} animated={percent === null} aria-label={t('shop.imports.progressLabel')} />
      {dto && (
        <Text size="xs" c="dimmed" mt={6}>
          {t('shop.imports.progressCounts', {
            rows: n(dto.rows), accepted: n(dto.accepted), rejected: n(dto.rejected),
            read: formatBytes(dto.bytes, i18n.language), total: dto.totalBytes ? formatBytes(dto.totalBytes, i18n.language) : '?',
          })}
        </Text>
      )}
    </Paper>
  );
}

/**
 * A server rejection reason or warning ("bad_date: creation date … is not a date"): the code's label in the UI
 * language, then the server's own detail; a code without a label shows the server's text as it is.
 */
function IssueText({ code, text }: { code: string | null; text: string }) {
  const { t } = useTranslation();
  const label = code ? t(`shop.imports.codes.${code}`, { defaultValue: text }) : text;
  if (label === text) return <>{text}</>;
  const detail = code && text.startsWith(`${code}:`) ? text.slice(code.length + 1).trim() : text;
  return (
    <>
      {label}
      {detail && <Text span inherit c="dimmed">{` — ${detail}`}</Text>}
    </>
  );
}

function WarningText({ warning }: { warning: string }) {
  const { t } = useTranslation();
  const { line, code, detail } = splitIssue(warning);
  return (
    <>
      {line && `${t('shop.imports.lineN', { line })}: `}
      <IssueText code={code} text={code ? `${code}: ${detail}` : detail} />
    </>
  );
}

/** A finished import: what was accepted, what was not and why, and a way from a dry run to the real one. */
export function ImportResult({ dto, onRunForReal }: { dto: OrderImportDto; onRunForReal?: () => void }) {
  const { t, i18n } = useTranslation();
  const n = (v: number) => formatNumber(v, i18n.language);
  const nameOnly = dto.preset === 'woo_analytics' || dto.warnings.some((w) => w.includes('name_only_customer'));
  const lines = (l: [number, number]) => (l[0] === l[1] ? String(l[0]) : `${l[0]}–${l[1]}`);
  return (
    <Paper withBorder p="md" data-testid="import-result" data-status={dto.status} data-dry-run={dto.dryRun}>
      <Stack gap="sm">
        {dto.status === 'failed' ? (
          <Alert color="red" title={t('shop.imports.failed')}>{dto.error}</Alert>
        ) : (
          <Alert color={dto.dryRun ? 'blue' : 'teal'} title={dto.dryRun ? t('shop.imports.dryRunDone') : t('shop.imports.done')}>
            {dto.dryRun ? t('shop.imports.dryRunNote') : t('shop.imports.doneNote')}
          </Alert>
        )}
        <SimpleGrid cols={3}>
          <div><Text size="xs" c="dimmed">{t('shop.imports.rows')}</Text><Text fw={600}>{n(dto.rows)}</Text></div>
          <div><Text size="xs" c="dimmed">{t('shop.imports.accepted')}</Text><Text fw={600} c="teal" data-testid="import-accepted">{n(dto.accepted)}</Text></div>
          <div><Text size="xs" c="dimmed">{t('shop.imports.rejected')}</Text><Text fw={600} c={dto.rejected ? 'red' : undefined} data-testid="import-rejected">{n(dto.rejected)}</Text></div>
        </SimpleGrid>
        {nameOnly && <Alert color="yellow" p="xs" data-testid="import-name-only"><Text size="xs">{t('shop.imports.wooAnalyticsLimit')}</Text></Alert>}
        {dto.rejections.length > 0 && (
          <div>
            <Text size="sm" fw={600} mb={4}>{t('shop.imports.rejections')}</Text>
            <ScrollArea.Autosize mah={320}>
              <Table verticalSpacing={4} fz="xs" data-testid="import-rejections">
                <Table.Thead>
                  <Table.Tr><Table.Th>{t('shop.imports.line')}</Table.Th><Table.Th>{t('shop.fields.orderRef')}</Table.Th><Table.Th>{t('shop.imports.code')}</Table.Th><Table.Th>{t('shop.imports.reason')}</Table.Th></Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {dto.rejections.slice(0, shownRejections).map((r, i) => (
                    <Table.Tr key={`${r.lines[0]}-${i}`}>
                      <Table.Td>{lines(r.lines)}</Table.Td>
                      <Table.Td>{r.orderRef ?? '—'}</Table.Td>
                      <Table.Td><Badge size="xs" variant="light" color="red" tt="none">{r.code}</Badge></Table.Td>
                      <Table.Td><IssueText code={r.code} text={r.reason} /></Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollArea.Autosize>
            {dto.rejected > Math.min(shownRejections, dto.rejections.length) && (
              <Text size="xs" c="dimmed" mt={4}>{t('shop.imports.moreRejections', { shown: Math.min(shownRejections, dto.rejections.length), total: n(dto.rejected) })}</Text>
            )}
          </div>
        )}
        {dto.warnings.length > 0 && (
          <div data-testid="import-warnings">
            <Text size="sm" fw={600} mb={4}>{t('shop.imports.warnings', { count: dto.warnings.length })}</Text>
            <ScrollArea.Autosize mah={200}>
              <List size="xs" spacing={2}>{dto.warnings.map((w, i) => <List.Item key={i}><WarningText warning={w} /></List.Item>)}</List>
            </ScrollArea.Autosize>
          </div>
        )}
        {dto.dryRun && dto.status === 'done' && dto.accepted > 0 && onRunForReal && (
          <Group justify="flex-end">
            <Button onClick={onRunForReal} data-testid="import-run-real">{t('shop.imports.runForReal', { count: dto.accepted })}</Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
