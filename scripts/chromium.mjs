// Find Debian's Chromium (playwright-core drives it; it never downloads a browser of its own).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function findChromium() {
  return candidates.find((p) => p && existsSync(p)) ?? null;
}

/** Install Debian's chromium when we are root and apt is there; otherwise explain what to do. */
export function installChromium() {
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) {
    console.error('Chromium is needed for the browser tests: install it (Debian/Ubuntu: sudo apt-get install chromium) or set CHROMIUM_PATH.');
    process.exit(1);
  }
  console.log('Installing Debian chromium for the browser tests…');
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', 'chromium']]) {
    const r = spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (r.status !== 0) { console.error('apt-get failed; install chromium by hand.'); process.exit(1); }
  }
  const found = findChromium();
  if (!found) { console.error('chromium installed but not found'); process.exit(1); }
  return found;
}
