import { useState } from 'react';
import { Alert, Group, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { HelpImageDto } from '@careloop/contracts';
import { useMe } from '../../app/session.ts';
import i18n, { errorText } from '../../i18n/index.ts';
import { isApiError } from '../../lib/api.ts';
import { altOf, imageProblem, sendImage } from './imageUpload.ts';

export interface ImageUpload {
  key: string;
  name: string;
  /** 0–1 while sending; the row goes once the image is in the article. */
  progress: number;
  error: string | null;
}

/** Where a finished image goes: the editor inserts it at the caret the author had when asking. */
export type PlaceImage = (image: HelpImageDto, alt: string) => void;

let counter = 0;

/** Why an upload failed, in the author's words: the server's type and size refusals read like ours. */
export function failure(error: unknown): string {
  if (isApiError(error, 'unsupported_media_type')) return i18n.t('helpcenter.editor.upload.type');
  if (isApiError(error, 'payload_too_large')) return i18n.t('helpcenter.editor.upload.size');
  return errorText(isApiError(error) ? error.code : 'internal');
}

/** Images picked, pasted or dropped into the article editor, each with its progress or its error. */
export function useImageUploads() {
  const me = useMe();
  const [uploads, setUploads] = useState<ImageUpload[]>([]);
  const update = (key: string, patch: Partial<ImageUpload>) => setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...patch } : u)));
  const dismiss = (key: string) => setUploads((list) => list.filter((u) => u.key !== key));

  const add = (files: File[], place: PlaceImage) => {
    for (const file of files) {
      const key = `img${++counter}`;
      const name = file.name || i18n.t('helpcenter.editor.upload.pasted');
      const problem = imageProblem(file);
      setUploads((list) => [...list, { key, name, progress: 0, error: problem ? i18n.t(`helpcenter.editor.upload.${problem}`) : null }]);
      if (problem) continue;
      sendImage(file, me.csrfToken, (progress) => update(key, { progress }))
        .then((image) => {
          dismiss(key);
          place(image, altOf(file.name));
        })
        .catch((error: unknown) => update(key, { error: failure(error) }));
    }
  };
  return { uploads, add, dismiss };
}

/** Progress bars while images go up; failures stay until dismissed, so the author sees which file and why. */
export function ImageUploadList({ uploads, onDismiss }: { uploads: ImageUpload[]; onDismiss: (key: string) => void }) {
  const { t } = useTranslation();
  if (uploads.length === 0) return null;
  return (
    <Stack gap={4} px="xs" py={6} className="help-uploads" aria-live="polite" data-testid="help-image-uploads">
      {uploads.map((u) => (u.error !== null
        ? (
          <Alert key={u.key} color="red" p={6} withCloseButton closeButtonLabel={t('helpcenter.editor.upload.dismiss')} onClose={() => onDismiss(u.key)}
            data-testid="help-image-upload-error">
            <Text size="xs">{t('helpcenter.editor.upload.failed', { name: u.name, reason: u.error })}</Text>
          </Alert>
        )
        : (
          <div key={u.key} data-testid="help-image-upload">
            <Group justify="space-between" gap="xs" wrap="nowrap">
              <Text size="xs" truncate>{t('helpcenter.editor.upload.uploading', { name: u.name })}</Text>
              <Text size="xs" c="dimmed" data-testid="help-image-upload-percent">{Math.round(u.progress * 100)}%</Text>
            </Group>
            <Progress value={u.progress * 100} size="sm" animated={u.progress >= 1} aria-label={t('helpcenter.editor.upload.uploading', { name: u.name })} />
          </div>
        )))}
    </Stack>
  );
}
