/**
 * The layering of docs/architecture.md, checked the way `npm run lint` checks it: dependency-cruiser
 * with the repo's .dependency-cruiser.cjs. First on a small made-up tree with deliberate upward imports
 * and a circle (each must be reported, so the rules can fail), then on the real tree (0 of either).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');
const DEPCRUISE = join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

interface Violation {
  readonly from: string;
  readonly to: string;
  readonly rule: { readonly name: string; readonly severity: string };
  readonly cycle?: readonly unknown[];
}
interface CruiseResult {
  readonly summary: {
    readonly violations: readonly Violation[];
    readonly error: number;
    readonly totalCruised: number;
  };
}

function depcruise(cwd: string, paths: readonly string[], outputType: 'json' | 'err') {
  return spawnSync(process.execPath, [DEPCRUISE, ...paths, '--config', CONFIG, '--output-type', outputType], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
}

/**
 * Runs depcruise in `cwd` (paths in the answer are relative to it, as the rules expect): the JSON
 * answer, and the exit status of the reporter `npm run lint` uses (non-zero fails the lint).
 */
function cruise(cwd: string, paths: readonly string[]): { status: number | null; result: CruiseResult } {
  const json = depcruise(cwd, paths, 'json');
  if (!json.stdout) throw new Error(`depcruise printed nothing: ${json.stderr}`);
  return { status: depcruise(cwd, paths, 'err').status, result: JSON.parse(json.stdout) as CruiseResult };
}

describe('layering (dependency-cruiser)', () => {
  let fixture: string;

  beforeAll(() => {
    fixture = mkdtempSync(join(tmpdir(), 'salesdesk-layering-'));
    const files: Record<string, string> = {
      'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'commonjs', strict: true } }),
      'functions/src/http/problem.ts': `export const localized = (zh: string, en: string) => ({ zh, en });\n`,
      // Upward: storage reaching into HTTP plumbing (the import issue 8 removed).
      'functions/src/storage/auditLog.ts': `import { localized } from '../http/problem';\nexport const summary = localized('a', 'b');\n`,
      // Upward: the contract importing the domain.
      'functions/src/domain/plans/decimal.ts': `export const exactSum = (xs: number[]) => xs.length;\n`,
      'functions/src/contract/plans.ts': `import { exactSum } from '../domain/plans/decimal';\nexport const n = exactSum([]);\n`,
      // A circle between two domain files.
      'functions/src/domain/pricing/compile.ts': `import type { Outcome } from './lowest';\nexport type Compiled = { o?: Outcome };\n`,
      'functions/src/domain/pricing/lowest.ts': `import type { Compiled } from './compile';\nexport type Outcome = { c?: Compiled };\n`,
      // The add-in reaching past the contract into storage.
      'addin/src/api/client.ts': `import { summary } from '../../../functions/src/storage/auditLog';\nexport const s = summary;\n`,
      // Allowed: domain → contract, add-in → contract.
      'functions/src/domain/plans/split.ts': `import { n } from '../../contract/plans';\nexport const m = n;\n`,
      'addin/src/priceCheck/run.ts': `import { n } from '../../../functions/src/contract/plans';\nexport const r = n;\n`,
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(fixture, path)), { recursive: true });
      writeFileSync(join(fixture, path), text);
    }
  });

  afterAll(() => rmSync(fixture, { recursive: true, force: true }));

  it('reports a deliberate upward import, a circle and an add-in import of storage (and fails)', () => {
    const { status, result } = cruise(fixture, ['functions/src', 'addin/src']);
    const found = result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
    expect(found).toEqual(
      [
        'addin-imports-only-contract-and-domain: addin/src/api/client.ts → functions/src/storage/auditLog.ts',
        'contract-is-the-bottom: functions/src/contract/plans.ts → functions/src/domain/plans/decimal.ts',
        'no-circular: functions/src/domain/pricing/compile.ts → functions/src/domain/pricing/lowest.ts',
        'storage-below-http: functions/src/storage/auditLog.ts → functions/src/http/problem.ts',
      ].sort(),
    );
    expect(status).not.toBe(0);
  });

  it('finds no circle and no violation in the real tree', () => {
    const { status, result } = cruise(ROOT, ['functions/src', 'addin/src', 'scripts', 'samples']);
    expect(result.summary.violations).toEqual([]);
    // Cruised something real: the rules above are not vacuously true.
    expect(result.summary.totalCruised).toBeGreaterThan(100);
    expect(status).toBe(0);
  });
});
