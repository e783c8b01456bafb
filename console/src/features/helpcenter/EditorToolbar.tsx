import { useRef, useState, type ReactNode } from 'react';
import { ActionIcon, Button, FileButton, Group, Popover, Stack, TextInput, Tooltip } from '@mantine/core';
import {
  IconBold, IconClearFormatting, IconH2, IconH3, IconItalic, IconLink, IconList, IconListNumbers, IconPhoto, IconPhotoUp, IconPilcrow, IconQuote,
} from '@tabler/icons-react';
import { helpImageTypes } from '@careloop/contracts';
import { useTranslation } from 'react-i18next';
import { safeImageSrc, safeLinkHref } from './editorHtml.ts';

/** Formatting the editor can apply; blocks are `formatBlock` values, the rest `execCommand` names. */
export type EditorCommand = 'bold' | 'italic' | 'h2' | 'h3' | 'p' | 'blockquote' | 'insertUnorderedList' | 'insertOrderedList' | 'removeFormat';

export interface ToolbarState { bold: boolean; italic: boolean; block: string }

interface Props {
  controls: string;
  state: ToolbarState;
  onCommand: (command: EditorCommand) => void;
  /** Called when a popover opens, so the editor remembers where its caret was. */
  onRemember: () => void;
  onLink: (href: string) => void;
  onImage: (src: string, alt: string) => void;
  /** Image files picked from the computer (uploaded, then inserted where the caret was). */
  onUpload: (files: File[]) => void;
}

function ToolButton({ label, active = false, onClick, children, testId }: { label: string; active?: boolean; onClick: () => void; children: ReactNode; testId: string }) {
  return (
    <Tooltip label={label} openDelay={400}>
      {/* mousedown is cancelled so the editor keeps its selection while the button is pressed */}
      <ActionIcon variant={active ? 'light' : 'subtle'} color={active ? 'indigo' : 'gray'} aria-label={label} aria-pressed={active}
        onMouseDown={(e) => e.preventDefault()} onClick={onClick} data-testid={testId}>
        {children}
      </ActionIcon>
    </Tooltip>
  );
}

/** Bold, italic, headings, lists, quote, links and images (uploaded, or by URL) for the article editor. */
export function EditorToolbar({ controls, state, onCommand, onRemember, onLink, onImage, onUpload }: Props) {
  const { t } = useTranslation();
  const tool = (command: EditorCommand, Icon: typeof IconBold, active: boolean) => (
    <ToolButton key={command} label={t(`helpcenter.editor.tools.${command}`)} active={active} onClick={() => onCommand(command)} testId={`editor-${command}`}>
      <Icon size={16} aria-hidden />
    </ToolButton>
  );
  return (
    <Group gap={2} role="toolbar" aria-label={t('helpcenter.editor.tools.label')} aria-controls={controls} className="help-toolbar">
      {tool('bold', IconBold, state.bold)}
      {tool('italic', IconItalic, state.italic)}
      {tool('h2', IconH2, state.block === 'h2')}
      {tool('h3', IconH3, state.block === 'h3')}
      {tool('p', IconPilcrow, state.block === 'p')}
      {tool('insertUnorderedList', IconList, false)}
      {tool('insertOrderedList', IconListNumbers, false)}
      {tool('blockquote', IconQuote, state.block === 'blockquote')}
      <LinkPopover onOpen={onRemember} onApply={onLink} />
      <UploadButton onOpen={onRemember} onPick={onUpload} />
      <ImagePopover onOpen={onRemember} onApply={onImage} />
      {tool('removeFormat', IconClearFormatting, false)}
    </Group>
  );
}

function LinkPopover({ onOpen, onApply }: { onOpen: () => void; onApply: (href: string) => void }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [href, setHref] = useState('https://');
  const [error, setError] = useState(false);
  const apply = () => {
    const safe = safeLinkHref(href);
    if (!safe) return setError(true);
    onApply(safe);
    setOpened(false);
    setHref('https://');
  };
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-start" trapFocus withinPortal shadow="md">
      <Popover.Target>
        <Tooltip label={t('helpcenter.editor.tools.link')} openDelay={400}>
          <ActionIcon variant="subtle" color="gray" aria-label={t('helpcenter.editor.tools.link')} data-testid="editor-link"
            onMouseDown={(e) => e.preventDefault()} onClick={() => { onOpen(); setError(false); setOpened((o) => !o); }}>
            <IconLink size={16} aria-hidden />
          </ActionIcon>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown>
        <form onSubmit={(e) => { e.preventDefault(); apply(); }}>
          <Group gap="xs" align="flex-end">
            <TextInput size="xs" w={260} label={t('helpcenter.editor.linkUrl')} value={href} data-autofocus data-testid="editor-link-url"
              error={error ? t('helpcenter.editor.invalid.linkUrl') : undefined} onChange={(e) => { setHref(e.currentTarget.value); setError(false); }} />
            <Button size="xs" type="submit" data-testid="editor-link-apply">{t('helpcenter.editor.insert')}</Button>
          </Group>
        </form>
      </Popover.Dropdown>
    </Popover>
  );
}

/** Picks images from the computer; they are uploaded as help center images, public without expiry. */
function UploadButton({ onOpen, onPick }: { onOpen: () => void; onPick: (files: File[]) => void }) {
  const { t } = useTranslation();
  // Cleared after each pick, so the same file can be picked again.
  const reset = useRef<() => void>(null);
  const picked = (files: File[]) => {
    reset.current?.();
    if (files.length) onPick(files);
  };
  return (
    <FileButton multiple accept={helpImageTypes.join(',')} resetRef={reset} onChange={picked}>
      {(props) => (
        <Tooltip label={t('helpcenter.editor.tools.upload')} openDelay={400}>
          <ActionIcon variant="subtle" color="gray" aria-label={t('helpcenter.editor.tools.upload')} data-testid="editor-image-upload"
            onMouseDown={(e) => e.preventDefault()} onClick={() => { onOpen(); props.onClick(); }}>
            <IconPhotoUp size={16} aria-hidden />
          </ActionIcon>
        </Tooltip>
      )}
    </FileButton>
  );
}

/**
 * Images by address, for pictures already on the web. Uploaded images (the button beside this one,
 * or a paste or drop into the text) are served by the help center itself without expiry.
 */
function ImagePopover({ onOpen, onApply }: { onOpen: () => void; onApply: (src: string, alt: string) => void }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [src, setSrc] = useState('https://');
  const [alt, setAlt] = useState('');
  const [error, setError] = useState(false);
  const apply = () => {
    const safe = safeImageSrc(src);
    if (!safe) return setError(true);
    onApply(safe, alt.trim());
    setOpened(false);
    setSrc('https://');
    setAlt('');
  };
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-start" trapFocus withinPortal shadow="md">
      <Popover.Target>
        <Tooltip label={t('helpcenter.editor.tools.image')} openDelay={400}>
          <ActionIcon variant="subtle" color="gray" aria-label={t('helpcenter.editor.tools.image')} data-testid="editor-image"
            onMouseDown={(e) => e.preventDefault()} onClick={() => { onOpen(); setError(false); setOpened((o) => !o); }}>
            <IconPhoto size={16} aria-hidden />
          </ActionIcon>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown>
        <form onSubmit={(e) => { e.preventDefault(); apply(); }}>
          <Stack gap="xs" w={300}>
            <TextInput size="xs" label={t('helpcenter.editor.imageUrl')} description={t('helpcenter.editor.imageHelp')} value={src} data-autofocus
              error={error ? t('helpcenter.editor.invalid.imageUrl') : undefined} data-testid="editor-image-url"
              onChange={(e) => { setSrc(e.currentTarget.value); setError(false); }} />
            <TextInput size="xs" label={t('helpcenter.editor.imageAlt')} value={alt} maxLength={200} onChange={(e) => setAlt(e.currentTarget.value)} data-testid="editor-image-alt" />
            <Button size="xs" type="submit" data-testid="editor-image-apply">{t('helpcenter.editor.insert')}</Button>
          </Stack>
        </form>
      </Popover.Dropdown>
    </Popover>
  );
}
