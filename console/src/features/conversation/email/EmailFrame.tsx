import { useMemo } from 'react';
import { buildEmailSrcdoc, EMAIL_FRAME_SANDBOX, revealRemoteImages } from './emailHtml.ts';

/**
 * Sanitised mail HTML in a sandboxed frame (no scripts, opaque origin, strict CSP inside). Without
 * same-origin scripts the frame cannot be sized to its content, so it has a fixed height the agent
 * can drag taller (the wrapper is resizable; its padding keeps the handle outside the frame).
 */
export function EmailFrame({ html, showRemoteImages, title, testId = 'email-frame' }: { html: string; showRemoteImages: boolean; title: string; testId?: string }) {
  const srcDoc = useMemo(
    () => buildEmailSrcdoc(showRemoteImages ? revealRemoteImages(html) : html, { origin: window.location.origin }),
    [html, showRemoteImages],
  );
  return (
    <div className="email-frame-wrap">
      <iframe sandbox={EMAIL_FRAME_SANDBOX} srcDoc={srcDoc} title={title} referrerPolicy="no-referrer" data-testid={testId}
        data-remote-images={showRemoteImages ? 'shown' : 'blocked'} />
    </div>
  );
}
