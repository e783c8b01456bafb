import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import type { AssistSettingsDto } from '@careloop/contracts';
import vi from '../../i18n/assist.vi.json';
import en from '../../i18n/assist.en.json';
import { me, queryClient } from '../../testing/fixtures.ts';
import { renderHtml } from '../../testing/render.ts';
import AssistSettings, { assistBody } from './AssistSettings.tsx';
import { DraftButton } from './DraftButton.tsx';
import { assistKey, withDraft } from './queries.ts';
import { SummaryCard } from './SummaryCard.tsx';

const on: AssistSettingsDto = { enabled: true, drafts: true, summaries: true, updatedAt: '2026-12-01T03:00:00.000Z' };
const withAssist = (data: AssistSettingsDto) => {
  const qc = queryClient();
  qc.setQueryData(assistKey, data);
  return qc;
};

type Tree = { [key: string]: string | Tree };
const keysOf = (tree: Tree, prefix = ''): string[] => Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : keysOf(v, `${prefix}${k}.`)));

describe('the assistant in the console', () => {
  it('has the same strings in Vietnamese and English', () => {
    expect(keysOf(vi as Tree).sort()).toEqual(keysOf(en as Tree).sort());
  });

  it('shows the draft and summary buttons only when the owner turned each on', () => {
    const draft = () => createElement(DraftButton, { conversationId: 'c1', onDraft: () => undefined });
    const summary = () => createElement(SummaryCard, { conversationId: 'c1' });
    expect(renderHtml(draft(), { qc: withAssist(on) }).has('composer-draft')).toBe(true);
    expect(renderHtml(summary(), { qc: withAssist(on), lang: 'vi' }).one('assist-summarize').text).toBe('Tóm tắt hội thoại');
    expect(renderHtml(draft(), { qc: withAssist({ ...on, drafts: false }) }).has('composer-draft')).toBe(false);
    expect(renderHtml(summary(), { qc: withAssist({ ...on, enabled: false }) }).has('assist-summary')).toBe(false);
  });

  it('puts a draft in place of nothing, else after what the agent wrote', () => {
    expect(withDraft('', 'Dạ shop chào chị')).toBe('Dạ shop chào chị');
    expect(withDraft('  ', 'Dạ shop chào chị')).toBe('Dạ shop chào chị');
    expect(withDraft('Chào chị Thu,  \n', 'Dạ shop kiểm tra ngay ạ')).toBe('Chào chị Thu,\n\nDạ shop kiểm tra ngay ạ');
  });

  it('sends the key only when typed, and warns where messages go', () => {
    const form = { enabled: true, baseUrl: ' https://api.openai.com/v1 ', model: 'gpt-4o-mini', apiKey: '', drafts: true, summaries: false };
    expect(assistBody(form)).toEqual({ enabled: true, baseUrl: 'https://api.openai.com/v1', model: 'gpt-4o-mini', drafts: true, summaries: false });
    expect(assistBody({ ...form, apiKey: ' sk-1 ' }).apiKey).toBe('sk-1');
    const stored = { ...on, baseUrl: 'https://api.openai.com/v1', model: 'gpt-4o-mini', hasApiKey: true };
    const owner = renderHtml(createElement(AssistSettings), { qc: withAssist(stored), me: me({ role: 'owner' }), lang: 'vi' });
    expect(owner.one('assist-privacy').text).toContain('chuyển dữ liệu cá nhân ra nước ngoài');
    expect(owner.one('assist-apiKey').attrs['data-saved']).toBe('true');
    expect(owner.has('assist-save')).toBe(true);
    const admin = renderHtml(createElement(AssistSettings), { qc: withAssist(stored), me: me({ role: 'admin' }) });
    expect(admin.has('assist-save')).toBe(false);
    expect(admin.one('assist-owner-only').text).toContain('Only the workspace owner');
  });
});
