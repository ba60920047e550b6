#!/usr/bin/env node
// Browser tests against the production build: finds (or, as root with apt, installs) Debian's
// Chromium, builds the app, then runs Playwright, which serves the build with `vite preview`.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function run(command) {
  const result = spawnSync(command, { stdio: 'inherit', shell: true });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!existsSync(chromium)) {
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get']).status === 0;
  if (!isRoot || !hasApt) {
    console.error(
      `Chromium not found at ${chromium}. Install it (Debian: "sudo apt-get install -y chromium") ` +
        'or set CHROMIUM_PATH to a Chromium or Chrome binary.',
    );
    process.exit(1);
  }
  console.log("Chromium missing: installing Debian's chromium package…");
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', {
    stdio: 'inherit',
  });
}

if (!existsSync('public/data/mnist-10k.bin')) run('npm run prepare-data');
run('npx vite build --logLevel warn');
run(`npx playwright test ${process.argv.slice(2).join(' ')}`);
