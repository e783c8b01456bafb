import { useRef, useState, type FormEvent } from 'react';
import { Alert, Button, Center, ColorInput, FileButton, Group, Loader, Paper, Progress, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPhotoUp, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { helpImageTypes, helpLimits, type HelpLocale, type HelpSiteDto } from '@careloop/contracts';
import { useMe } from '../../app/session.ts';
import i18n from '../../i18n/index.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { imageProblem, sendImage } from './imageUpload.ts';
import { failure } from './ImageUploads.tsx';
import { useHelpSite, useSaveHelpSite } from './queries.ts';
import { formOfSite, siteErrors, siteInputOf, sitePreview, type SiteField, type SiteForm } from './siteForm.ts';

/** The "Site" tab: the public help site's logo, colour and titles, with a preview of its header. */
export function SiteSettings() {
  const site = useHelpSite();
  if (site.error) return <ErrorAlert error={site.error} />;
  if (!site.data) return <Center py="xl"><Loader size="sm" /></Center>;
  return <SiteSettingsForm key={site.data.publicKey} site={site.data} />;
}

interface LogoUpload { progress: number; error: string | null }

/** Uploads a picked logo as a help image (the article editor's upload), reporting progress or why it failed. */
function useLogoUpload(onDone: (logo: SiteForm['logo']) => void) {
  const me = useMe();
  const [upload, setUpload] = useState<LogoUpload | null>(null);
  const start = (file: File | null) => {
    if (!file) return;
    const problem = imageProblem(file);
    if (problem) return setUpload({ progress: 0, error: i18n.t(`helpcenter.editor.upload.${problem}`) });
    setUpload({ progress: 0, error: null });
    sendImage(file, me.csrfToken, (progress) => setUpload({ progress, error: null }))
      .then((image) => {
        setUpload(null);
        onDone({ imageId: image.id, path: image.path });
      })
      .catch((error: unknown) => setUpload({ progress: 0, error: failure(error) }));
  };
  return { upload, start };
}

/** Read-only for agents and supervisors (the DTO's `abilities.update` says so): branding is the shop's, set by admins. */
export function SiteSettingsForm({ site }: { site: HelpSiteDto }) {
  const { t } = useTranslation();
  const save = useSaveHelpSite();
  const canEdit = site.abilities.update;
  const [form, setForm] = useState<SiteForm>(() => formOfSite(site));
  const [checked, setChecked] = useState(false);
  const set = (patch: Partial<SiteForm>) => setForm((f) => ({ ...f, ...patch }));
  const logo = useLogoUpload((picked) => set({ logo: picked }));
  const reset = useRef<() => void>(null);

  const errors = checked ? siteErrors(form, save.error) : {};
  const message = (field: SiteField) => (errors[field] ? t(`helpcenter.site.invalid.${errors[field]}`) : undefined);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setChecked(true);
    if (Object.keys(siteErrors(form, null)).length > 0) return;
    save.mutate(siteInputOf(form), {
      onSuccess: (saved) => {
        setForm(formOfSite(saved));
        notifications.show({ color: 'teal', message: t('common.saved') });
      },
    });
  };

  return (
    <form onSubmit={submit} noValidate data-testid="help-site">
      <Stack gap="md" maw={960}>
        <Text size="sm" c="dimmed">{t('helpcenter.site.help')}</Text>
        {!canEdit && <Alert color="gray" p="sm" data-testid="help-site-readonly">{t('helpcenter.site.readOnly')}</Alert>}
        {save.error && !errors.logoImageId && !errors.color && <ErrorAlert error={save.error} />}
        <div className="help-site-grid">
          <Paper withBorder p="md">
            <Stack gap="md">
              <div>
                <Text size="sm" fw={500}>{t('helpcenter.site.logo')}</Text>
                <Text size="xs" c="dimmed" mb={6}>{t('helpcenter.site.logoHelp')}</Text>
                <Group gap="sm" align="center">
                  {form.logo
                    ? <img className="help-site-logo" src={form.logo.path} alt={site.shopName} data-testid="help-site-logo" />
                    : <Text size="sm" c="dimmed" data-testid="help-site-no-logo">{t('helpcenter.site.noLogo')}</Text>}
                  {canEdit && (
                    <FileButton accept={helpImageTypes.join(',')} resetRef={reset} onChange={(file) => { reset.current?.(); logo.start(file); }}>
                      {(props) => (
                        <Button {...props} size="xs" variant="default" leftSection={<IconPhotoUp size={14} aria-hidden />}
                          loading={logo.upload !== null && logo.upload.error === null} data-testid="help-site-logo-upload">
                          {form.logo ? t('helpcenter.site.changeLogo') : t('helpcenter.site.uploadLogo')}
                        </Button>
                      )}
                    </FileButton>
                  )}
                  {canEdit && form.logo && (
                    <Button size="xs" variant="subtle" color="red" leftSection={<IconTrash size={14} aria-hidden />} onClick={() => set({ logo: null })}
                      data-testid="help-site-logo-remove">{t('helpcenter.site.removeLogo')}</Button>
                  )}
                </Group>
                {logo.upload && logo.upload.error === null && (
                  <Progress mt={6} size="sm" value={logo.upload.progress * 100} aria-label={t('helpcenter.site.uploading')} data-testid="help-site-logo-progress" />
                )}
                {logo.upload?.error && <Text size="xs" c="red" mt={4} role="alert" data-testid="help-site-logo-error">{logo.upload.error}</Text>}
                {message('logoImageId') && <Text size="xs" c="red" mt={4} role="alert">{message('logoImageId')}</Text>}
              </div>
              <ColorInput label={t('helpcenter.site.color')} description={t('helpcenter.site.colorHelp', { color: site.webChatColor })}
                placeholder={site.webChatColor} value={form.color} format="hex" withEyeDropper={false} disabled={!canEdit}
                swatches={[site.webChatColor, '#1c7ed6', '#2f9e44', '#e03131', '#f08c00', '#7048e8', '#212529']}
                onChange={(color) => set({ color })} error={message('color')} data-testid="help-site-color" />
              {(['vi', 'en'] as const).map((locale) => {
                const field = locale === 'vi' ? 'titleVi' : 'titleEn';
                return (
                  <TextInput key={locale} label={t(`helpcenter.site.title.${locale}`)} description={t('helpcenter.site.titleHelp')}
                    placeholder={site.shopName} value={form[field]} maxLength={helpLimits.siteTitleChars} disabled={!canEdit}
                    onChange={(e) => set({ [field]: e.currentTarget.value })} error={message(field)} data-testid={`help-site-title-${locale}`} />
                );
              })}
              {canEdit && (
                <Group justify="flex-end">
                  <Button type="submit" size="xs" loading={save.isPending} data-testid="help-site-save">{t('common.save')}</Button>
                </Group>
              )}
            </Stack>
          </Paper>
          <Paper withBorder p="md">
            <Text size="sm" fw={500} mb="xs">{t('helpcenter.site.preview')}</Text>
            <Stack gap="sm">
              {(['vi', 'en'] as const).map((locale) => <HeaderPreview key={locale} form={form} site={site} locale={locale} />)}
            </Stack>
          </Paper>
        </div>
      </Stack>
    </form>
  );
}

/** The public page's header in one language, in the colours the server will render. */
function HeaderPreview({ form, site, locale }: { form: SiteForm; site: HelpSiteDto; locale: HelpLocale }) {
  const { t } = useTranslation();
  const p = sitePreview(form, site, locale, t(`helpcenter.site.helpWord.${locale}`));
  return (
    <div data-testid={`help-site-preview-${locale}`}>
      <Text size="xs" c="dimmed" mb={2}>{t(`helpcenter.languages.${locale}`)}</Text>
      <div className="help-site-preview" style={{ background: p.brand, color: p.ink }} data-testid="help-site-preview-header">
        {p.logoSrc
          ? <img className="help-site-preview-logo" src={p.logoSrc} alt={site.shopName} />
          : <span className="help-site-preview-badge" style={{ background: p.ink, color: p.brand }} aria-hidden>{p.letter}</span>}
        <span className="help-site-preview-title">{p.title}</span>
      </div>
      <Text size="sm" mt={4} style={{ color: p.link }} data-testid="help-site-preview-link">{t('helpcenter.site.sampleLink')}</Text>
    </div>
  );
}
