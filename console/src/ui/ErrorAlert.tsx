import { Alert, List } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { errorText } from '../i18n/index.ts';
import { isApiError } from '../lib/api.ts';

/** Field paths of a validation failure, whatever list shape the server used for `details`. */
function invalidFields(details: unknown): string[] {
  const list = Array.isArray(details)
    ? details
    : typeof details === 'object' && details !== null && Array.isArray((details as { issues?: unknown }).issues)
      ? (details as { issues: unknown[] }).issues
      : [];
  return list
    .map((issue) => {
      const path = (issue as { path?: unknown }).path;
      return Array.isArray(path) ? path.join('.') : typeof path === 'string' ? path : '';
    })
    .filter(Boolean);
}

/** A failed request, translated by its error code. */
export function ErrorAlert({ error, testId }: { error: unknown; testId?: string }) {
  if (!error) return null;
  const code = isApiError(error) ? error.code : 'internal';
  const fields = isApiError(error, 'validation_failed') ? invalidFields(error.details) : [];
  return (
    <Alert color="red" icon={<IconAlertCircle size={16} aria-hidden />} role="alert" data-testid={testId ?? 'error'} data-code={code} p="xs">
      {errorText(code)}
      {fields.length > 0 && (
        <List size="xs" mt={4}>
          {fields.map((f) => <List.Item key={f}>{f}</List.Item>)}
        </List>
      )}
    </Alert>
  );
}
