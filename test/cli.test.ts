// The CLI as a user runs it: a real browser-mode server in a child process, commands against it,
// and the audit log it leaves behind.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const cliArgs = ['--import', 'tsx', join(root, 'src/main/cli.ts')];
const workspace = mkdtempSync(join(tmpdir(), 'cli-test-'));
let server: ChildProcess;
let url = '';
let token = '';

/** A command acting through the running control room. */
const remote = (...args: string[]) => cli(...args, '--connect', url, '--token', token);

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [...cliArgs, ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

async function api(method: string, input: unknown) {
  const response = await fetch(new URL(`/api/${method}`, url), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  return (await response.json()) as { ok: boolean; value: Record<string, unknown> };
}

beforeAll(async () => {
  server = spawn(process.execPath, [...cliArgs, 'serve', '--workspace', workspace, '--actor', 'ic-dana'], {
    cwd: root,
  });
  const printed = await new Promise<string>((resolve, reject) => {
    let out = '';
    server.stdout?.on('data', (chunk: Buffer) => {
      out += String(chunk);
      if (out.includes('observer:')) resolve(out);
    });
    server.on('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
  const match = printed.match(/operator:\s+(http:\/\/127\.0\.0\.1:\d+\/\?token=(\S+))/);
  url = match?.[1] ?? '';
  token = match?.[2] ?? '';
});

afterAll(() => {
  server.kill('SIGTERM');
  rmSync(workspace, { recursive: true, force: true });
});

describe('control-room CLI', () => {
  it('serve prints a loopback URL with a token', () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
  });

  it('pauses a rollout in the running control room through --connect', async () => {
    const result = remote('rollouts', 'pause', 'search-prod-us', '--reason', 'drill');
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/Paused search-prod-us/);
    const rollout = await api('rollout.get', { id: 'search-prod-us' });
    expect(rollout.value.phase).toBe('paused');
  });

  it('finds the running control room of its workspace without --connect, and prints JSON', async () => {
    const result = cli('rollouts', 'resume', 'search-prod-us', '--workspace', workspace, '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toMatchObject({ applied: true, rollout: { id: 'search-prod-us' } });
    expect((await api('rollout.get', { id: 'search-prod-us' })).value.phase).not.toBe('paused');
  });

  it('lists rollouts as a table and as JSON', () => {
    const table = cli('rollouts', 'list', '--connect', url, '--token', token);
    expect(table.out).toMatch(/checkout-prod-eu\s+canary\s+2\.3\.1 → 2\.4\.0/);
    // Payments and catalog wait for a person: they count, and say what they wait for.
    expect(table.out).toMatch(/payments-prod-us .*⏸ paused \(waiting for judgment\)/);
    expect(table.out).toMatch(/3 need attention: 1 unhealthy, 2 waiting for a person\s*$/);
    const json = JSON.parse(
      cli('rollouts', 'list', '--connect', url, '--token', token, '--json').out,
    ) as unknown[];
    expect(json.length).toBeGreaterThanOrEqual(24);
  });

  it('explains an invalid action and exits non-zero', () => {
    const result = cli('rollouts', 'abort', 'checkout-staging', '--connect', url, '--token', token);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/Cannot abort checkout-staging: .*complete/);
  });

  it('says when the token is wrong', () => {
    const result = cli('rollouts', 'list', '--connect', url, '--token', 'not-the-token');
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/valid access token is required/);
  });

  it('judges a canary window on demand, exits by verdict, and lists and shows the runs', () => {
    const failing = remote('canary', 'judge', 'checkout-prod-eu', '--window', '5m');
    expect(failing.code).toBe(2);
    expect(failing.out).toMatch(/✖ fail, score 0: .*error rate \+\d+%/);
    const passing = remote('canary', 'judge', 'search-prod-us', '--window', '5m');
    expect(passing.code).toBe(0);
    const list = remote('canary', 'list', 'checkout-prod-eu', '--json');
    expect(JSON.parse(list.out)).toHaveLength(1);
    const shown = remote('canary', 'show', 'checkout-prod-eu', '1');
    expect(shown.out).toMatch(/checkout-prod-eu run #1 \(manual\)/);
    const bad = remote('canary', 'judge', 'checkout-prod-eu', '--window', 'soon');
    expect(bad.code).toBe(3);
    expect(bad.err).toMatch(/--window must be a duration/);
  });

  it('verifies the real log, then names the record after a one-byte edit', () => {
    const log = join(workspace, 'audit.jsonl');
    const ok = cli('audit', 'verify', '--file', log);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/^OK: \d+ records/);
    const copy = join(workspace, 'tampered.jsonl');
    const lines = readFileSync(log, 'utf8').split('\n');
    const target = lines.findIndex((l) => l.includes('"reason":"drill"'));
    expect(target).toBeGreaterThanOrEqual(0);
    lines[target] = (lines[target] ?? '').replace('"reason":"drill"', '"reason":"dril!"');
    writeFileSync(copy, lines.join('\n'));
    const broken = cli('audit', 'verify', '--file', copy);
    expect(broken.code).toBe(1);
    const seq = (JSON.parse(lines[target] ?? '{}') as { seq: number }).seq;
    expect(broken.out).toMatch(new RegExp(`BROKEN at record seq ${seq}\\b`));
  });

  it('exports the log as CSV and Markdown', () => {
    const csv = cli('audit', 'export', '--format', 'csv', '--workspace', workspace);
    expect(csv.out.split('\n')[0]).toMatch(/^seq,time,actor,kind,target,reason/);
    expect(csv.out).toMatch(/ic-dana/);
    const md = cli('audit', 'export', '--format', 'md', '--workspace', workspace);
    expect(md.out).toMatch(/^\| seq \|/m);
    expect(cli('audit', 'export', '--format', 'xml', '--workspace', workspace).err).toMatch(
      /json, csv or md/,
    );
  });
});
