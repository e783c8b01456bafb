import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './test/harness.ts';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t.close(); });

describe('OpenAPI document', () => {
  it('is served at /api/docs as OpenAPI 3.1, with request schemas from the contracts', async () => {
    const reply = await t.request('GET', '/api/docs');
    expect(reply.status).toBe(200);
    expect(reply.body.openapi).toBe('3.1.0');
    const update = reply.body.paths['/api/v1/conversations/{id}'].patch;
    expect(update.requestBody.content['application/json'].schema.required).toContain('version');
    expect(reply.body.paths['/api/v1/conversations'].get.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['view', 'status', 'cursor', 'q']));
    expect(reply.body.components.schemas.Error.properties.error.properties.code.enum).toContain('stale_version');
  });
});
