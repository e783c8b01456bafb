import React from "react";
(globalThis as any).React = React;
// Temporary SSR smoke test (not part of the project): renders each new page/component to HTML.
(globalThis as any).document = { documentElement: {} };
(globalThis as any).localStorage = { getItem: () => 'vi', setItem: () => undefined };
(globalThis as any).window = globalThis;
(globalThis as any).addEventListener = () => undefined;
(globalThis as any).removeEventListener = () => undefined;
const { renderToString } = await import('react-dom/server');
const { MantineProvider } = await import('@mantine/core');
const { QueryClient, QueryClientProvider } = await import('@tanstack/react-query');
const { MemoryRouter } = await import('react-router-dom');
const i18n = (await import('../src/i18n/index.ts')).default;
const { me } = await import('../src/testing/fixtures.ts');
const { keys } = await import('../src/lib/queryKeys.ts');
const { shopKeys } = await import('../src/features/settings/shop/shopApi.ts');
const contracts = await import('@careloop/contracts');

const qc = new QueryClient();
qc.setQueryData(keys.me, me({ role: 'owner' }));
const imp = { id: 'imp_1', preset: 'woo_analytics', fileName: 'orders.csv', dryRun: true, status: 'done', rows: 10, bytes: 100, totalBytes: 100, accepted: 8, rejected: 2,
  rejections: [{ lines: [3, 4], orderRef: '#1002', code: 'bad_date', reason: 'bad date' }], warnings: ['5: name_only_customer: …'], error: null, createdAt: new Date().toISOString(), finishedAt: null };
qc.setQueryData(shopKeys.imports, [imp, { ...imp, id: 'imp_2', status: 'running', dryRun: false }]);
qc.setQueryData(shopKeys.connections, [{ id: 'shop_1', platform: 'woocommerce', name: 'Woo', shopDomain: 'shop.vn', baseUrl: null, webhookUrl: 'https://x/api/hooks/shops/shop_1', webhookSecret: 'abcdefgh12345678',
  hasAccessToken: false, backfill: { status: 'running', imported: 120, error: null, startedAt: null, finishedAt: null }, lastWebhookAt: null, createdAt: new Date().toISOString() },
  { id: 'shop_2', platform: 'shopify', name: 'Shopify', shopDomain: null, baseUrl: 'https://a.myshopify.com', webhookUrl: 'https://x/api/hooks/shops/shop_2', webhookSecret: 'k'.repeat(20),
  hasAccessToken: true, backfill: { status: 'failed', imported: 3, error: 'HTTP 401', startedAt: null, finishedAt: null }, lastWebhookAt: new Date().toISOString(), createdAt: new Date().toISOString() }]);
qc.setQueryData(shopKeys.compensation, contracts.defaultCompensationSettings);
qc.setQueryData(shopKeys.loyalty, contracts.defaultLoyaltySettings);
qc.setQueryData(shopKeys.budget, { month: '2026-03', spent: 4_500_000, budget: 5_000_000, exceeded: false, entries: 12 });

const wrap = (node: any) => renderToString(
  <MantineProvider><QueryClientProvider client={qc}><MemoryRouter>{node}</MemoryRouter></QueryClientProvider></MantineProvider>);
const ShopConnections = (await import('../src/features/settings/shop/ShopConnections.tsx')).default;
const OrderImports = (await import('../src/features/settings/shop/OrderImports.tsx')).default;
const CompensationSettings = (await import('../src/features/settings/shop/CompensationSettings.tsx')).default;
const { ImportResult, ImportProgress } = await import('../src/features/settings/shop/ImportResult.tsx');
const { MappingEditor } = await import('../src/features/settings/shop/MappingEditor.tsx');
const { ConnectionForm } = await import('../src/features/settings/shop/ConnectionForm.tsx');
const SettingsLayout = (await import('../src/features/settings/SettingsLayout.tsx')).default;
const text = (html: string) => html.replace(/<style[^>]*>.*?<\/style>/gs, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
for (const lang of ['vi', 'en']) {
  await i18n.changeLanguage(lang);
  const pages: Record<string, any> = {
    connections: <ShopConnections />, imports: <OrderImports />, compensation: <CompensationSettings />,
    result: <ImportResult dto={imp as any} onRunForReal={() => undefined} />, progress: <ImportProgress dto={{ ...imp, status: 'running', bytes: 40 } as any} fileName="orders.csv" />,
    progress0: <ImportProgress dto={null} fileName="orders.csv" />, mapping: <MappingEditor headers={['Mã đơn', 'Ngày']} mapping={{ orderRef: 'Mã đơn' }} onChange={() => undefined} />,
    form: <ConnectionForm opened={false} onClose={() => undefined} onCreated={() => undefined} />, layout: <SettingsLayout />,
  };
  for (const [name, node] of Object.entries(pages)) {
    const html = wrap(node);
    const t = text(html);
    const missing = [...t.matchAll(/\bshop\.[a-zA-Z.-]+/g)].map((m) => m[0]);
    console.log(lang, name, html.length, missing.length ? `MISSING ${missing}` : '', t.slice(0, 400));
  }
}
