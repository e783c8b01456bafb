import { useEffect, useId, useRef, useState, type ClipboardEvent, type DragEvent } from 'react';
import { Input } from '@mantine/core';
import type { HelpLocale } from '@careloop/contracts';
import { EditorToolbar, type EditorCommand, type ToolbarState } from './EditorToolbar.tsx';
import { escAttr, escText, hasContent, textToHtml, tidyHtml } from './editorHtml.ts';
import { ImageUploadList, useImageUploads, type PlaceImage } from './ImageUploads.tsx';
import './helpcenter.css';

interface Props {
  value: string;
  onChange: (html: string) => void;
  readOnly: boolean;
  label: string;
  placeholder: string;
  lang: HelpLocale;
  error?: string | undefined;
  testId: string;
}

const blockCommands = new Set<EditorCommand>(['h2', 'h3', 'p', 'blockquote']);

type CaretDocument = Document & {
  caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
  caretRangeFromPoint?: (x: number, y: number) => Range | null;
};

/** The caret position under the pointer where files were dropped (standard API first, then WebKit's). */
function rangeAtPoint(x: number, y: number): Range | null {
  const doc = document as CaretDocument;
  const position = doc.caretPositionFromPoint?.(x, y);
  if (position) {
    const range = document.createRange();
    range.setStart(position.offsetNode, position.offset);
    range.collapse(true);
    return range;
  }
  return doc.caretRangeFromPoint?.(x, y) ?? null;
}

/**
 * A contentEditable rich text editor. The DOM is the draft while the author types (React does not
 * re-render it, so the caret stays put); a value coming from outside (loading, saving) replaces it.
 * Pasted HTML is tidied to what articles may contain before it enters (editorHtml.ts); image files
 * picked, pasted or dropped are uploaded (ImageUploads.tsx) and go in by their public address.
 */
export function RichTextEditor({ value, onChange, readOnly, label, placeholder, lang, error, testId }: Props) {
  const id = useId();
  const area = useRef<HTMLDivElement>(null);
  const emitted = useRef(value);
  const saved = useRef<Range | null>(null);
  const [shown, setShown] = useState({ html: value, rev: 0 });
  const [empty, setEmpty] = useState(() => !hasContent(value));
  const [toolbar, setToolbar] = useState<ToolbarState>({ bold: false, italic: false, block: '' });
  const images = useImageUploads();

  useEffect(() => {
    if (value === emitted.current) return;
    emitted.current = value;
    setShown((s) => ({ html: value, rev: s.rev + 1 }));
    setEmpty(!hasContent(value));
  }, [value]);

  // The toolbar shows what applies at the caret (bold, a heading…).
  useEffect(() => {
    const onSelection = () => {
      const selection = document.getSelection();
      if (!area.current || !selection?.anchorNode || !area.current.contains(selection.anchorNode)) return;
      setToolbar({
        bold: document.queryCommandState('bold'),
        italic: document.queryCommandState('italic'),
        block: String(document.queryCommandValue('formatBlock')).toLowerCase(),
      });
    };
    document.addEventListener('selectionchange', onSelection);
    return () => document.removeEventListener('selectionchange', onSelection);
  }, []);

  const emit = () => {
    const el = area.current;
    if (!el) return;
    emitted.current = el.innerHTML;
    setEmpty(!hasContent(el.innerHTML));
    onChange(el.innerHTML);
  };
  const exec = (name: string, arg?: string) => {
    area.current?.focus();
    document.execCommand('defaultParagraphSeparator', false, 'p');
    document.execCommand(name, false, arg);
    emit();
  };
  const command = (c: EditorCommand) => {
    // Pressing the active heading (or quote) again turns it back into a paragraph.
    if (blockCommands.has(c)) exec('formatBlock', toolbar.block === c ? 'p' : c);
    else exec(c);
  };
  const remember = () => {
    const selection = document.getSelection();
    if (selection?.rangeCount && area.current?.contains(selection.anchorNode)) saved.current = selection.getRangeAt(0).cloneRange();
  };
  const restore = () => {
    area.current?.focus();
    const selection = document.getSelection();
    if (saved.current && selection) {
      selection.removeAllRanges();
      selection.addRange(saved.current);
    }
  };
  const link = (href: string) => {
    restore();
    if (document.getSelection()?.isCollapsed !== false) exec('insertHTML', `<a href="${escAttr(href)}">${escText(href)}</a>`);
    else exec('createLink', href);
  };
  const image = (src: string, alt: string) => {
    restore();
    exec('insertHTML', `<img src="${escAttr(src)}" alt="${escAttr(alt)}">`);
  };
  /** The caret now, if it is in this editor (where a pasted image goes). */
  const caret = () => {
    const selection = document.getSelection();
    return selection?.rangeCount && area.current?.contains(selection.anchorNode) ? selection.getRangeAt(0).cloneRange() : null;
  };
  /** Inserts a finished upload where the author asked; if that spot is gone (the text was reloaded), at the end. */
  const placeAt = (range: Range | null): PlaceImage => (image, alt) => {
    const el = area.current;
    const selection = document.getSelection();
    if (!el || !selection) return;
    el.focus();
    selection.removeAllRanges();
    if (range && el.contains(range.startContainer)) selection.addRange(range);
    else {
      const end = document.createRange();
      end.selectNodeContents(el);
      end.collapse(false);
      selection.addRange(end);
    }
    exec('insertHTML', `<img src="${escAttr(image.path)}" alt="${escAttr(alt)}">`);
  };
  /**
   * Text wins over files: Word and Excel put a picture of the copied text on the clipboard beside
   * it. Only a clipboard with nothing but files (a screenshot, a copied image file) is uploaded.
   */
  const onPaste = (e: ClipboardEvent<HTMLDivElement>) => {
    e.preventDefault();
    const html = e.clipboardData.getData('text/html');
    const text = e.clipboardData.getData('text/plain');
    if (html || text) exec('insertHTML', html ? tidyHtml(html) : textToHtml(text));
    else if (e.clipboardData.files.length > 0 && !readOnly) images.add(Array.from(e.clipboardData.files), placeAt(caret()));
  };
  // Dropped files are uploaded (the browser would otherwise insert data: URLs the server refuses).
  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    if (e.dataTransfer.files.length === 0) return;
    e.preventDefault();
    if (!readOnly) images.add(Array.from(e.dataTransfer.files), placeAt(rangeAtPoint(e.clientX, e.clientY)));
  };
  const onDragOver = (e: DragEvent<HTMLDivElement>) => {
    if (e.dataTransfer.types.includes('Files')) e.preventDefault();
  };

  return (
    <Input.Wrapper label={label} error={error} labelElement="div" id={`${id}-wrapper`}>
      <div className="help-editor" data-invalid={error ? 'true' : 'false'}>
        {!readOnly && (
          <EditorToolbar controls={id} state={toolbar} onCommand={command} onRemember={remember} onLink={link} onImage={image}
            onUpload={(files) => images.add(files, placeAt(saved.current))} />
        )}
        <ImageUploadList uploads={images.uploads} onDismiss={images.dismiss} />
        <div className="help-editor-area">
          {empty && !readOnly && <div className="help-editor-placeholder" aria-hidden>{placeholder}</div>}
          <div key={shown.rev} ref={area} id={id} className="help-editor-content" contentEditable={!readOnly} role="textbox" aria-multiline="true"
            aria-label={label} aria-readonly={readOnly} aria-invalid={error ? true : undefined} lang={lang} spellCheck
            dangerouslySetInnerHTML={{ __html: shown.html }} onInput={emit} onPaste={onPaste} onDrop={onDrop} onDragOver={onDragOver} data-testid={testId}
            onFocus={() => document.execCommand('defaultParagraphSeparator', false, 'p')} />
        </div>
      </div>
    </Input.Wrapper>
  );
}
