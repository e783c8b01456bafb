import { formInboxSettingsInput, type FormInboxDto, type FormInboxSettings } from '@careloop/contracts';
import type { z } from 'zod';
import type { Row } from '../../platform/db/schema.ts';

export function formSettingsOf(row: Pick<Row<'inboxes'>, 'settings' | 'name'>): FormInboxSettings {
  const parsed = formInboxSettingsInput.safeParse(row.settings ?? {});
  return parsed.success ? parsed.data : formInboxSettingsInput.parse({ title: row.name });
}

/** An update names only what changes; the fields' flags merge one by one. */
export function mergeFormSettings(prev: FormInboxSettings, patch: z.output<typeof import('@careloop/contracts').formInboxSettingsPatch>): FormInboxSettings {
  return formInboxSettingsInput.parse({ ...prev, ...patch, fields: { ...prev.fields, ...patch.fields } });
}

export const formPageUrl = (publicUrl: string, token: string) => `${publicUrl}/forms/${encodeURIComponent(token)}`;

export function presentFormSettings(row: Row<'inboxes'>, publicUrl: string): FormInboxDto {
  const pageUrl = formPageUrl(publicUrl, row.widget_token);
  return { ...formSettingsOf(row), pageUrl, embedSnippet: `<script async src="${pageUrl}/embed.js"></script>` };
}
