// The CLI as a user runs it: a real browser-mode server in a child process, commands against it,
// and the audit log it leaves behind.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuild } from './support/ensure-build';
import { BUILT_CLI } from './support/served-control-room';

const root = join(import.meta.dirname, '..');
// The built CLI, as installed: a tsx start per command would cost seconds under load.
const cliArgs = [BUILT_CLI];
const workspace = mkdtempSync(join(tmpdir(), 'cli-test-'));
let server: ChildProcess;
let url = '';
let token = '';
let observerToken = '';

/** A command acting through the running control room, its token in the environment (not in ps). */
const remote = (...args: string[]) => cliWith({ CONTROL_ROOM_TOKEN: token }, ...args, '--connect', url);

const cli = (...args: string[]) => cliWith({}, ...args);

function cliWith(env: Record<string, string>, ...args: string[]) {
  const result = spawnSync(process.execPath, [...cliArgs, ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, CONTROL_ROOM_TOKEN: '', ...env },
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

const auditRecords = () =>
  readFileSync(join(workspace, 'audit.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map(
      (l) =>
        JSON.parse(l) as { kind: string; actor: string; target: string; reason: string; details: object },
    );

/**
 * One API call on a fresh connection: spawnSync blocks this process's event loop, so a pooled
 * keep-alive socket may have been closed by the server meanwhile without this process noticing.
 */
function apiAs(bearer: string, method: string, input: unknown) {
  return new Promise<{ ok: boolean; value: Record<string, unknown> }>((resolve, reject) => {
    const body = JSON.stringify(input);
    const req = httpRequest(
      new URL(`/api/${method}`, url),
      {
        method: 'POST',
        agent: false,
        headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve(JSON.parse(text) as never));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
const api = (method: string, input: unknown) => apiAs(token, method, input);

/** `control-room serve` in a child process; resolves with what it printed once it is listening. */
function startServe(...args: string[]): { child: ChildProcess; printed: Promise<string> } {
  const child = spawn(process.execPath, [...cliArgs, 'serve', ...args], { cwd: root });
  const printed = new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += String(chunk);
      if (out.includes('workspace:')) resolve(out);
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
  return { child, printed };
}

beforeAll(async () => {
  ensureBuild(root);
  const started = startServe('--workspace', workspace, '--actor', 'ic-dana');
  server = started.child;
  const printed = await started.printed;
  const match = printed.match(/operator:\s+(http:\/\/127\.0\.0\.1:\d+\/#token=(\S+))/);
  url = match?.[1] ?? '';
  token = match?.[2] ?? '';
  observerToken = printed.match(/observer:\s+http:\/\/\S+\/#token=(\S+)/)?.[1] ?? '';
});

afterAll(async () => {
  // It saves its world on the way out: let it finish before the folder goes.
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  await exited;
  rmSync(workspace, { recursive: true, force: true });
});

describe('control-room CLI', () => {
  it('serve prints one join URL per person, the token in its fragment', () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{32}$/);
    expect(observerToken).toMatch(/^[\w-]{32}$/);
    expect(observerToken).not.toBe(token);
  });

  it('pauses a rollout in the running control room through --connect, as the token’s person', async () => {
    const result = remote('rollouts', 'pause', 'search-prod-us', '--reason', 'drill');
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/Paused search-prod-us/);
    const rollout = await api('rollout.get', { id: 'search-prod-us' });
    expect(rollout.value.phase).toBe('paused');
    expect(auditRecords().find((r) => r.kind === 'action.succeeded' && r.reason === 'drill')?.actor).toBe(
      'ic-dana',
    );
  });

  it('finds the running control room of its workspace without --connect, and prints JSON', async () => {
    const result = cli('rollouts', 'resume', 'search-prod-us', '--workspace', workspace, '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toMatchObject({
      applied: true,
      rollout: { id: 'simulator/search-prod-us' },
    });
    expect((await api('rollout.get', { id: 'search-prod-us' })).value.phase).not.toBe('paused');
    expect(auditRecords().at(-1)).toMatchObject({ kind: 'action.succeeded', actor: 'ic-dana' });
  });

  it('will not let --actor rename who acts through a running control room', async () => {
    const before = auditRecords().length;
    const named = cli('rollouts', 'pause', 'cart-prod-us', '--workspace', workspace, '--actor', 'judge');
    expect(named.code).toBe(2);
    expect(named.err).toMatch(/--actor only names who acts in-process.*token was issued to/);
    const connected = remote('rollouts', 'pause', 'cart-prod-us', '--actor', 'controller');
    expect(connected.code).toBe(2);
    expect(auditRecords()).toHaveLength(before);
  });

  it('reads the token from --token-file or CONTROL_ROOM_TOKEN, and still takes --token', () => {
    const file = join(workspace, 'operator.token');
    writeFileSync(file, `${token}\n`, { mode: 0o600 });
    const fromFile = cli('rollouts', 'list', '--connect', url, '--token-file', file);
    expect(fromFile.err).toBe('');
    expect(fromFile.out).toMatch(/checkout-prod-eu\s+canary\s+2\.3\.1 → 2\.4\.0/);
    // The file may hold the whole join URL too.
    writeFileSync(file, `${url}\n`, { mode: 0o600 });
    expect(cli('rollouts', 'list', '--connect', url, '--token-file', file).code).toBe(0);
    const json = JSON.parse(remote('rollouts', 'list', '--json').out) as unknown[];
    expect(json.length).toBeGreaterThanOrEqual(24);
    expect(cli('rollouts', 'list', '--connect', url, '--token', token).code).toBe(0);
    const missing = cli('rollouts', 'list', '--connect', url, '--token-file', join(workspace, 'nope'));
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/--token-file .*nope: ENOENT/);
    const none = cli('rollouts', 'list', '--connect', url);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/--connect needs a token: set CONTROL_ROOM_TOKEN/);
    const readable = join(workspace, 'shared.token');
    writeFileSync(readable, token, { mode: 0o644 });
    expect(cli('rollouts', 'list', '--connect', url, '--token-file', readable).err).toMatch(
      /can be read by other users; .*chmod 600/,
    );
  });

  it('lists what waits for a person as needing attention, and says what it waits for', () => {
    const table = remote('rollouts', 'list').out;
    // Payments and catalog wait for a person: they count, and say what they wait for.
    expect(table).toMatch(/payments-prod-us .*⏸ paused \(waiting for judgment\)/);
    expect(table).toMatch(/3 need attention: 1 unhealthy, 2 waiting for a person\s*$/);
  });

  it('says in --help where a token should come from', () => {
    const help = cli('rollouts', 'pause', '--help').out;
    expect(help).toMatch(/--token-file <file>/);
    expect(help).toMatch(/prefer CONTROL_ROOM_TOKEN or\s+--token-file/);
  });

  it('serve --invite gives each named person their own URL, and refuses a name twice or a bad role', async () => {
    const other = mkdtempSync(join(tmpdir(), 'cli-invite-'));
    const { child, printed: output } = startServe(
      '--workspace',
      other,
      '--invite',
      'ops lee:operator',
      '--invite',
      'wall-screen:observer',
    );
    try {
      const printed = await output;
      expect(printed).toMatch(/operator:\s+http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{32}\s+ops lee\n/);
      expect(printed).toMatch(
        /observer:\s+http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{32}\s+wall-screen \(read-only\)\n/,
      );
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(other, { recursive: true, force: true });
    }
    const twice = cli(
      'serve',
      '--workspace',
      join(workspace, 'twice'),
      '--invite',
      'dana:operator',
      '--invite',
      'Dana:observer',
    );
    expect(twice.code).toBe(2);
    expect(twice.err).toMatch(/Cannot invite: Dana already has an invitation/);
    const noRole = cli('serve', '--workspace', join(workspace, 'twice'), '--invite', 'dana');
    expect(noRole.code).toBe(2);
    expect(noRole.err).toMatch(/--invite "dana": write NAME:operator or NAME:observer/);
  });

  it('invites a person through the running control room: their own URL, audited, operators only', async () => {
    const invited = cli('invite', 'lee', '--role', 'observer', '--workspace', workspace);
    expect(invited.err).toBe('');
    expect(invited.code).toBe(0);
    const leeToken = invited.out.match(/observer:\s+http:\/\/127\.0\.0\.1:\d+\/#token=([\w-]+)\s+lee/)?.[1];
    expect(leeToken).toBeDefined();
    expect(await apiAs(leeToken ?? '', 'session.get', {})).toMatchObject({
      value: { actor: 'lee', role: 'observer' },
    });
    expect(auditRecords().at(-1)).toMatchObject({
      kind: 'invitation.created',
      actor: 'ic-dana',
      target: 'lee',
      details: { role: 'observer' },
    });
    expect(JSON.stringify(auditRecords())).not.toContain(leeToken);
    const again = cli('invite', 'lee', '--role', 'operator', '--workspace', workspace);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/lee already has an invitation/);
    const byObserver = cliWith(
      { CONTROL_ROOM_TOKEN: observerToken },
      'invite',
      'kim',
      '--role',
      'operator',
      '--connect',
      url,
    );
    expect(byObserver.code).toBe(1);
    expect(byObserver.err).toMatch(/Observers may watch but not act/);
    const nobodyRunning = cli(
      'invite',
      'kim',
      '--role',
      'operator',
      '--workspace',
      join(workspace, 'elsewhere'),
    );
    expect(nobodyRunning.code).toBe(3);
    expect(nobodyRunning.err).toMatch(/No control room is running/);
    expect(cli('invite', 'kim', '--role', 'admin', '--workspace', workspace).err).toMatch(
      /operator, observer/,
    );
  });

  it('prints names and notes with control characters as visible escapes, and JSON exactly', async () => {
    const note = 'started\n\u001b[2K\u001b[1A✔ all done\u202e';
    const ticked = await api('migrations.tick', {
      id: 'orders-customer-id',
      phase: 'P3',
      item: 'backfill-started',
      note,
    });
    expect(ticked).toMatchObject({ ok: true });
    const shown = remote('migrations', 'show', 'orders-customer-id', '--phase', 'P3');
    expect(shown.code).toBe(0);
    expect(shown.out).not.toContain('\u001b');
    expect(shown.out).not.toContain('\u202e');
    expect(shown.out).toContain('started\\n\\x1b[2K\\x1b[1A✔ all done\\u202e');
    expect(shown.out.split('\n').filter((l) => l.includes('all done'))).toHaveLength(1);
    const json = JSON.parse(remote('migrations', 'show', 'orders-customer-id', '--json').out) as {
      phases: { id: string; items: { id: string; ticked?: { note?: string } }[] }[];
    };
    const job = json.phases.find((p) => p.id === 'P3')?.items.find((i) => i.id === 'backfill-started');
    expect(job?.ticked?.note).toBe(note);
  });

  it('explains an invalid action and exits non-zero', () => {
    const result = cli('rollouts', 'abort', 'checkout-staging', '--connect', url, '--token', token);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/Cannot abort simulator\/checkout-staging: .*complete/);
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

  it('exports the log as CSV with formulas neutralised, and Markdown', () => {
    expect(
      remote('rollouts', 'pause', 'auth-prod-us', '--reason', '=HYPERLINK("http://evil.example")').code,
    ).toBe(0);
    const csv = cli('audit', 'export', '--format', 'csv', '--workspace', workspace);
    expect(csv.out).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(csv.out.split('\n')[0]).toMatch(/^seq,time,actor,kind,target,reason/);
    expect(csv.out).toMatch(/ic-dana/);
    const md = cli('audit', 'export', '--format', 'md', '--workspace', workspace);
    expect(md.out).toMatch(/^\| seq \|/m);
    expect(cli('audit', 'export', '--format', 'xml', '--workspace', workspace).err).toMatch(
      /json, csv or md/,
    );
  });
});
