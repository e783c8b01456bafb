import { Anchor, Group } from '@mantine/core';
import { IconFile } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { AttachmentDto } from '@careloop/contracts';
import { formatBytes } from '../../lib/format.ts';
import { safeUrl } from '../../lib/safeUrl.ts';

/** Images as thumbnails that open full size; everything else as a download link. */
export function Attachments({ items }: { items: AttachmentDto[] }) {
  const { i18n } = useTranslation();
  if (items.length === 0) return null;
  return (
    <Group gap={6} mt={4} data-testid="message-attachments">
      {items.map((a) => {
        const url = safeUrl(a.url);
        if (a.contentType.startsWith('image/') && url) {
          return (
            <a key={a.id} href={url} target="_blank" rel="noopener noreferrer" className="attachment-thumb" title={a.filename}>
              <img src={url} alt={a.filename} loading="lazy" data-testid="attachment-image" />
            </a>
          );
        }
        return (
          <Anchor key={a.id} href={url ?? undefined} target="_blank" rel="noopener noreferrer" size="xs" className="attachment-file"
            download={a.filename} data-testid="attachment-file">
            <IconFile size={14} aria-hidden /> {a.filename} <span className="dimmed">({formatBytes(a.byteSize, i18n.language)})</span>
          </Anchor>
        );
      })}
    </Group>
  );
}
