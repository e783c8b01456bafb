import { useState } from 'react';
import { Anchor, Badge, Button, Group, Loader, Stack, Text, Tooltip } from '@mantine/core';
import { IconChevronDown, IconChevronUp, IconDownload, IconMail, IconPhoto, IconQuote } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { EmailMessageDto } from '@careloop/contracts';
import { isApiError } from '../../../lib/api.ts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { EmailFrame } from './EmailFrame.tsx';
import { originalEmailUrl, useEmailMessage } from './queries.ts';

type Shown = 'full' | 'quoted';
type Address = NonNullable<EmailMessageDto['from']>;

const classificationColor = { auto_reply: 'grape', bulk: 'gray', bounce: 'red' } as const;

const formatAddress = (a: Address) => (a.name ? `${a.name} <${a.address}>` : a.address);

/**
 * Under a message of an email conversation: "show full email" (headers, the whole mail in a
 * sandboxed frame, remote images on request, the original .eml) and, for the customer's mail, "show
 * quoted text" (what the timeline's reply part left out).
 */
export function EmailMessage({ messageId, quoted }: { messageId: string; quoted: boolean }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState<Shown | null>(() => shownByMessage.get(messageId) ?? null);
  const toggle = (what: Shown) => setShown((s) => {
    const next = s === what ? null : what;
    rememberShown(messageId, next);
    return next;
  });
  return (
    <div className="email-message" data-testid="email-message">
      <Group gap={4} mt={4}>
        <Button size="compact-xs" variant="subtle" leftSection={<IconMail size={12} aria-hidden />} aria-expanded={shown === 'full'}
          rightSection={shown === 'full' ? <IconChevronUp size={12} aria-hidden /> : <IconChevronDown size={12} aria-hidden />}
          onClick={() => toggle('full')} data-testid="email-show-full">
          {shown === 'full' ? t('email.view.hideFull') : t('email.view.showFull')}
        </Button>
        {quoted && (
          <Button size="compact-xs" variant="subtle" color="gray" leftSection={<IconQuote size={12} aria-hidden />} aria-expanded={shown === 'quoted'}
            onClick={() => toggle('quoted')} data-testid="email-show-quoted">
            {shown === 'quoted' ? t('email.view.hideQuoted') : t('email.view.showQuoted')}
          </Button>
        )}
      </Group>
      {shown && <EmailPanel messageId={messageId} shown={shown} />}
    </div>
  );
}

/**
 * What the agent opened under each message, kept outside the component: the timeline re-mounts its
 * rows (a realtime update, the first page replacing the cached one), and an opened email must stay open.
 */
const shownByMessage = new Map<string, Shown>();
function rememberShown(messageId: string, shown: Shown | null) {
  if (shown === null) shownByMessage.delete(messageId);
  else {
    if (shownByMessage.size >= 200) shownByMessage.delete(shownByMessage.keys().next().value!);
    shownByMessage.set(messageId, shown);
  }
}

function EmailPanel({ messageId, shown }: { messageId: string; shown: Shown }) {
  const { t } = useTranslation();
  const email = useEmailMessage(messageId);
  const [remoteImages, setRemoteImages] = useState(false);
  if (email.isLoading) return <Loader size="xs" m={4} aria-label={t('common.loading')} />;
  if (isApiError(email.error, 'not_found')) return <Text size="xs" c="dimmed" data-testid="email-missing">{t('email.view.notFound')}</Text>;
  if (!email.data) return <ErrorAlert error={email.error} />;
  const e = email.data;

  if (shown === 'quoted') {
    return (
      <div className="email-panel" data-testid="email-quoted">
        {e.htmlQuoted ? <EmailFrame html={e.htmlQuoted} showRemoteImages={remoteImages} title={t('email.view.quotedTitle')} testId="email-quoted-frame" />
          : e.textQuoted ? <pre className="email-text" data-testid="email-quoted-text">{e.textQuoted}</pre>
          : <Text size="xs" c="dimmed" data-testid="email-no-quoted">{t('email.view.noQuoted')}</Text>}
      </div>
    );
  }

  const kind = e.classification === 'normal' ? null : e.classification;
  return (
    <div className="email-panel" data-testid="email-full" data-classification={e.classification}>
      <Stack gap={2} mb={6} className="email-headers">
        <Group gap={6} wrap="nowrap" align="flex-start">
          <Text size="sm" fw={600} className="email-subject" data-testid="email-subject">{e.subject || t('email.view.noSubject')}</Text>
          {kind && (
            <Tooltip label={e.classificationReason ?? t(`email.classification.${kind}`)} disabled={!e.classificationReason} multiline maw={320}>
              <Badge size="xs" variant="light" color={classificationColor[kind]} data-testid="email-classification" data-kind={kind}>
                {t(`email.classification.${kind}`)}
              </Badge>
            </Tooltip>
          )}
        </Group>
        {e.from && <HeaderLine label={t('email.view.from')} value={formatAddress(e.from)} testId="email-from" />}
        {e.to.length > 0 && <HeaderLine label={t('email.view.to')} value={e.to.map(formatAddress).join(', ')} testId="email-to" />}
        {e.cc.length > 0 && <HeaderLine label={t('email.view.cc')} value={e.cc.map(formatAddress).join(', ')} testId="email-cc" />}
      </Stack>
      {e.htmlFull !== null && e.blockedImages > 0 && (
        <Group gap={6} mb={6} className="email-remote-images" data-testid="email-remote-images" data-state={remoteImages ? 'shown' : 'blocked'}>
          {remoteImages ? (
            <Text size="xs" c="dimmed">{t('email.view.remoteShown', { count: e.blockedImages })}</Text>
          ) : (
            <>
              <Text size="xs" c="dimmed">{t('email.view.remoteBlocked', { count: e.blockedImages })}</Text>
              <Button size="compact-xs" variant="light" leftSection={<IconPhoto size={12} aria-hidden />} onClick={() => setRemoteImages(true)}
                data-testid="email-show-remote">
                {t('email.view.showRemote', { count: e.blockedImages })}
              </Button>
            </>
          )}
        </Group>
      )}
      {e.htmlFull !== null
        ? <EmailFrame html={e.htmlFull} showRemoteImages={remoteImages} title={t('email.view.frameTitle', { subject: e.subject })} />
        : <pre className="email-text" data-testid="email-text">{e.textFull ?? ''}</pre>}
      <Group justify="flex-end" mt={4}>
        <Anchor href={originalEmailUrl(e.messageId)} download={`${e.messageId}.eml`} size="xs" data-testid="email-download">
          <IconDownload size={12} aria-hidden /> {t('email.view.download')}
        </Anchor>
      </Group>
    </div>
  );
}

function HeaderLine({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Text size="xs" className="email-header-line" data-testid={testId}>
      <Text span size="xs" c="dimmed">{label}: </Text>{value}
    </Text>
  );
}
