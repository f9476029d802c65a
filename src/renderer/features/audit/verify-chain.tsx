import { useAuditVerify } from '../../api/use-audit';
import { errorMessage } from '../../api/api-error';
import { StatusIcon } from '../../components/status-icon';
import { useScreenPaletteEntries } from '../../app/screen-palette-entries';

export function VerifyChain() {
  const verify = useAuditVerify();
  const result = verify.data;
  useScreenPaletteEntries('audit:verify', [
    {
      id: 'audit:verify',
      name: 'Verify chain',
      keywords: ['audit', 'hash', 'tamper', 'integrity'],
      kind: 'action',
      group: 'Audit log',
      ...(verify.isPending ? { disabled: true, detail: 'Verifying…' } : {}),
      run: () => verify.mutate(),
    },
  ]);

  return (
    <div className="verify">
      <button
        type="button"
        className="btn"
        onClick={() => verify.mutate()}
        aria-disabled={verify.isPending}
        disabled={verify.isPending}
      >
        {verify.isPending ? 'Verifying…' : 'Verify chain'}
      </button>
      <span className="verify-result" data-testid="audit-verify-result" aria-live="polite">
        {verify.isError && (
          <span className="verify-bad">
            <StatusIcon name="critical" /> Verification failed: {errorMessage(verify.error)}
          </span>
        )}
        {result?.ok && (
          <span className="verify-ok">
            <StatusIcon name="check" /> Chain OK — {result.records.toLocaleString('en-US')} records verified
          </span>
        )}
        {result && !result.ok && (
          <span className="verify-bad">
            <StatusIcon name="critical" /> Chain broken at{' '}
            {result.firstBrokenSeq !== undefined
              ? `seq ${result.firstBrokenSeq}`
              : result.firstBrokenLine !== undefined
                ? `line ${result.firstBrokenLine}`
                : 'an unknown record'}
            {result.problem ? `: ${result.problem}` : ''} ({result.records.toLocaleString('en-US')} records
            read)
          </span>
        )}
      </span>
    </div>
  );
}
