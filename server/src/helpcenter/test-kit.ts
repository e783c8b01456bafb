import { startTestApp, type TestApp } from '../test/harness.ts';

/** The app as behind a trusted proxy, so tests name each visitor's address (per-IP limits of the public site). */
export const startHelpTestApp = (): Promise<TestApp> => startTestApp({ config: { trustProxy: true } });
