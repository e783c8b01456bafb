/** The launcher bubble, its unread badge and the iframe panel. Built with DOM calls only, never from HTML strings. */
const css =
  '#careloop-launcher{all:initial;position:fixed;z-index:2147483000;right:20px;bottom:20px;width:56px;height:56px;' +
  'border-radius:50%;background:var(--careloop-color,#1c7ed6);box-shadow:0 4px 14px rgba(0,0,0,.25);cursor:pointer;' +
  'display:flex;align-items:center;justify-content:center;transition:transform .15s}' +
  '#careloop-launcher:hover{transform:scale(1.06)}' +
  '#careloop-launcher:focus-visible{outline:3px solid #1c7ed6;outline-offset:3px}' +
  '#careloop-launcher svg{width:28px;height:28px;fill:none;stroke:var(--careloop-ink,#fff);stroke-width:2;stroke-linecap:round;stroke-linejoin:round}' +
  '#careloop-badge{position:absolute;top:-4px;right:-4px;min-width:20px;height:20px;padding:0 6px;box-sizing:border-box;' +
  'border-radius:10px;background:#e03131;color:#fff;font:600 12px/20px system-ui,sans-serif;text-align:center}' +
  '#careloop-badge[hidden]{display:none}' +
  '#careloop-frame{position:fixed;z-index:2147483001;right:20px;bottom:88px;width:380px;max-width:calc(100vw - 40px);' +
  'height:640px;max-height:calc(100vh - 108px);border:0;border-radius:16px;box-shadow:0 12px 40px rgba(0,0,0,.25);' +
  'background:#fff;display:none;color-scheme:normal}' +
  '#careloop-frame.careloop-open{display:block}' +
  '@media (max-width:480px){#careloop-frame.careloop-open{top:0;left:0;right:0;bottom:0;width:100%;height:100%;' +
  'max-width:none;max-height:none;border-radius:0}#careloop-launcher.careloop-open{display:none}}';

const chatIcon = 'M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12z';
const closeIcon = 'M6 6l12 12M18 6L6 18';

export interface LauncherUi {
  frame: HTMLIFrameElement;
  setOpen(open: boolean): void;
  setUnread(count: number): void;
  setColor(color: string, ink: string): void;
}

export function createUi(frameUrl: string, vi: boolean, onToggle: () => void): LauncherUi {
  const doc = document;
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, id: string) => {
    const node = doc.createElement(tag);
    node.id = id;
    node.setAttribute('data-testid', id);
    return node;
  };
  const style = doc.createElement('style');
  style.textContent = css;

  const button = el('button', 'careloop-launcher');
  button.type = 'button';
  const svgNs = 'http://www.w3.org/2000/svg';
  const svg = doc.createElementNS(svgNs, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  const path = doc.createElementNS(svgNs, 'path');
  svg.appendChild(path);
  const badge = el('span', 'careloop-badge');
  badge.hidden = true;
  button.append(svg, badge);
  button.addEventListener('click', onToggle);

  const frame = el('iframe', 'careloop-frame');
  frame.title = vi ? 'Trò chuyện với cửa hàng' : 'Chat with the shop';
  frame.src = frameUrl;

  let unread = 0;
  let isOpen = false;
  const label = () => {
    const base = isOpen ? (vi ? 'Đóng khung chat' : 'Close chat') : vi ? 'Mở khung chat' : 'Open chat';
    button.setAttribute('aria-label', unread ? `${base} (${unread})` : base);
  };
  const ui: LauncherUi = {
    frame,
    setOpen(open) {
      isOpen = open;
      path.setAttribute('d', open ? closeIcon : chatIcon);
      button.setAttribute('aria-expanded', String(open));
      button.classList.toggle('careloop-open', open);
      frame.classList.toggle('careloop-open', open);
      label();
    },
    setUnread(count) {
      unread = Math.max(0, Math.floor(count) || 0);
      badge.textContent = unread > 99 ? '99+' : String(unread);
      badge.hidden = unread === 0;
      label();
    },
    setColor(color, ink) {
      button.style.setProperty('--careloop-color', color);
      button.style.setProperty('--careloop-ink', ink);
    },
  };
  ui.setOpen(false);
  doc.head.appendChild(style);
  doc.body.append(frame, button);
  return ui;
}
