import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { MantineProvider } from '@mantine/core';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { MemoryRouter } from 'react-router-dom';
import { parseDocument } from 'htmlparser2';
import type { MeDto } from '@careloop/contracts';
import i18n, { type Language } from '../i18n/index.ts';
import { keys } from '../lib/queryKeys.ts';
import { me as signedIn, queryClient } from './fixtures.ts';

/**
 * Renders a component to HTML in node (no DOM) with the console's providers: Mantine, a query client
 * holding the signed-in agent, a router, and the real i18n strings in the chosen language. For what a
 * screen shows in a given state; interaction is tested through the logic the component calls.
 */
export function renderHtml(element: ReactElement, opts: { lang?: Language; me?: MeDto; qc?: QueryClient } = {}): Rendered {
  void i18n.changeLanguage(opts.lang ?? 'en');
  const qc = opts.qc ?? queryClient();
  qc.setQueryData(keys.me, opts.me ?? signedIn());
  const html = renderToStaticMarkup(
    createElement(QueryClientProvider, { client: qc }, createElement(MantineProvider, null, createElement(MemoryRouter, null, element))),
  );
  return new Rendered(html);
}

interface Node { type: string; name?: string; attribs?: Record<string, string>; children?: Node[]; data?: string }

export interface Found { tag: string; attrs: Record<string, string>; text: string }

export class Rendered {
  private readonly root: Node;
  constructor(readonly html: string) {
    this.root = parseDocument(html) as unknown as Node;
  }

  /** Elements whose `attr` equals `value` (default: `data-testid`). */
  all(value: string, attr = 'data-testid'): Found[] {
    const out: Found[] = [];
    const walk = (node: Node) => {
      if (node.attribs?.[attr] === value) out.push({ tag: node.name ?? '', attrs: node.attribs, text: textOf(node) });
      node.children?.forEach(walk);
    };
    walk(this.root);
    return out;
  }

  one(value: string, attr = 'data-testid'): Found {
    const found = this.all(value, attr);
    if (found.length !== 1) throw new Error(`expected one [${attr}="${value}"], found ${found.length}`);
    return found[0]!;
  }

  has(value: string, attr = 'data-testid'): boolean {
    return this.all(value, attr).length > 0;
  }

  /** The visible text (style elements left out), whitespace collapsed. */
  get text(): string {
    return textOf(this.root);
  }
}

function textOf(node: Node): string {
  const parts: string[] = [];
  const walk = (n: Node) => {
    if (n.type === 'text') parts.push(n.data ?? '');
    if (n.type === 'style' || n.type === 'script') return;
    n.children?.forEach(walk);
  };
  walk(node);
  return parts.join('').replace(/\s+/g, ' ').trim();
}
