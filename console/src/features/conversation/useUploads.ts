import { useState } from 'react';
import { notifications } from '@mantine/notifications';
import { limits, type AttachmentDto } from '@careloop/contracts';
import i18n, { errorText } from '../../i18n/index.ts';
import { api, isApiError } from '../../lib/api.ts';

export interface Upload {
  key: string;
  name: string;
  status: 'uploading' | 'done';
  attachment?: AttachmentDto;
}

let counter = 0;

/** Files are uploaded as soon as they are picked (POST /attachments); a message then refers to their ids. */
export function useUploads() {
  const [uploads, setUploads] = useState<Upload[]>([]);

  const add = (files: File[]) => {
    const room = limits.attachmentsPerMessage - uploads.length;
    if (files.length > room) notifications.show({ color: 'yellow', message: i18n.t('composer.tooManyFiles', { max: limits.attachmentsPerMessage }) });
    for (const file of files.slice(0, Math.max(0, room))) {
      if (file.size > limits.attachmentBytes) {
        notifications.show({ color: 'red', message: `${file.name}: ${errorText('payload_too_large')}` });
        continue;
      }
      const key = `u${++counter}`;
      setUploads((list) => [...list, { key, name: file.name, status: 'uploading' }]);
      api
        .upload<AttachmentDto>('/attachments', file)
        .then((attachment) => setUploads((list) => list.map((u) => (u.key === key ? { ...u, status: 'done', attachment } : u))))
        .catch((error: unknown) => {
          setUploads((list) => list.filter((u) => u.key !== key));
          notifications.show({ color: 'red', message: `${file.name}: ${isApiError(error) ? errorText(error.code) : errorText('internal')}` });
        });
    }
  };

  return {
    uploads,
    add,
    remove: (key: string) => setUploads((list) => list.filter((u) => u.key !== key)),
    clear: () => setUploads([]),
    busy: uploads.some((u) => u.status === 'uploading'),
    ids: uploads.flatMap((u) => (u.attachment ? [u.attachment.id] : [])),
  };
}
