import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../support/run-cli.js';

// claim.html as a person sees it, in a real browser (Debian's chromium; CHROMIUM_PATH names another):
// nothing fetched, every line, total and deadline visible, and print-to-PDF pages on A4 and Letter.

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const R = 'fixtures/real-slas/';
let browser: Browser;
let out: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `no browser at ${CHROMIUM}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`,
    );
  out = mkdtempSync(join(tmpdir(), 'sla-claim-browser-'));
  for (const contract of ['aws-two-regions-claim-contract.yaml', 'msp-claim-contract.yaml']) {
    const r = await runCli(
      ['claim', '--config', `${R}${contract}`, '--month', '2026-10', '--as-of', '2026-11-05T00:00:00Z', '-o', out],
      { cwd: ROOT },
    );
    expect(r.code).toBe(0);
  }
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    // This machine has no network: Chromium's own background connections would only fail.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (out) rmSync(out, { recursive: true, force: true });
});

/** The packet's page, with every request that is not the file itself recorded and refused. */
async function open(folder: string): Promise<{ page: Page; fetched: string[] }> {
  const page = await browser.newPage();
  const fetched: string[] = [];
  const self = pathToFileURL(join(out, folder, 'claim.html')).href;
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url === self) return route.continue();
    fetched.push(url);
    return route.abort();
  });
  await page.goto(self);
  return { page, fetched };
}

/** Pages of a PDF: its page objects (Chromium writes one "/Type /Page" per page). */
const pagesOf = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;

describe('claim.html in Chromium', () => {
  it('AWS: self-contained; the total, the deadline, the line and the downtime span are visible; no script', async () => {
    const { page, fetched } = await open('amazon-web-services-2026-10');
    expect(fetched).toEqual([]);
    expect(await page.locator('script').count()).toBe(0);
    await expect.poll(() => page.locator('#claim-total').innerText()).toBe('123.46 USD');
    expect(await page.locator('#claim-total').isVisible()).toBe(true);
    expect(await page.locator('#claim-deadline').innerText()).toBe('2026-12-31 (56 days left at 2026-11-05T00:00:00Z)');
    const lines = page.locator('section:has(h2:text("Credit lines")) tbody tr');
    expect(await lines.count()).toBe(1);
    expect(await lines.first().innerText()).toContain('region-uptime');
    expect(await lines.first().innerText()).toContain('123.46 USD');
    const evidence = await page.locator('section.evidence').innerText();
    expect(evidence).toContain('2026-10-07T03:40:00Z');
    expect(evidence).toContain('aws-two-regions.csv:2; aws-two-regions.csv:3');
    expect((await page.locator('body').innerText()).length).toBeGreaterThan(1000);
    await page.close();
  });

  it('MSP: the escalated line, the yearly cap and the late ticket with its row are visible', async () => {
    const { page, fetched } = await open('example-managed-services-2026-10');
    expect(fetched).toEqual([]);
    expect(await page.locator('#claim-total').innerText()).toBe('200.00 EUR');
    const text = await page.locator('body').innerText();
    expect(text).toContain('p1-late: 15% of the fee = 300.00 EUR (escalated ×3: 3 periods in a row)');
    expect(text).toContain('this period gets what was left');
    expect(text).toContain('msp-tickets.csv:8');
    await page.close();
  });

  it('prints to PDF on A4 and on Letter: the claim first, the evidence on a page of its own', async () => {
    for (const folder of ['amazon-web-services-2026-10', 'example-managed-services-2026-10']) {
      const { page } = await open(folder);
      for (const format of ['A4', 'Letter'] as const) {
        const pdf = await page.pdf({ format });
        expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
        expect(pdf.length).toBeGreaterThan(10_000);
        const pages = pagesOf(pdf);
        expect(pages).toBeGreaterThanOrEqual(2);
        expect(pages).toBeLessThanOrEqual(4);
      }
      await page.close();
    }
  });

  it('an id with markup in it is shown as text, never run', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const dir = join(out, 'hostile');
    mkdirSync(dir);
    // One P1 answered two hours late (M-1's times), its id a piece of HTML.
    writeFileSync(
      join(dir, 't.csv'),
      `id,created_at,priority,first_response_at\n"${hostile}",2026-10-05T08:00:00+02:00,P1,2026-10-05T10:00:00+02:00\n`,
    );
    const r = await runCli(
      [
        'claim',
        '--tickets',
        join(dir, 't.csv'),
        '--policy',
        `fixtures/policies/real/msp-template.yaml`,
        '--tier',
        'standard',
      ].concat(['--month', '2026-10', '--fee', '2000', '--as-of', '2026-11-05T00:00:00Z', '-o', join(dir, 'out')]),
      { cwd: ROOT },
    );
    expect(r.code).toBe(0);
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(pathToFileURL(join(dir, 'out', 'msp-template-2026-10', 'claim.html')).href);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('section.evidence').innerText()).toContain(hostile);
    expect(dialogs).toEqual([]);
    await page.close();
  });
});
