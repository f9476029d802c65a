import { useId } from 'react';
import type { CanaryAnalysis } from '../../../shared/api/canary-api';
import { downloadFile } from '../../components/download-file';
import type { PaletteEntry } from '../../app/palette-entry';
import { useScreenPaletteEntries } from '../../app/screen-palette-entries';
import { toast } from '../../store/toast-store';
import { reportFileName, reportMarkdown } from './report-markdown';

/** Downloads the report on screen: Markdown for people, JSON for tools. */
export function ReportExport({ analysis }: { analysis: CanaryAnalysis | undefined }) {
  const reasonId = useId();
  const reason = analysis ? undefined : 'No report to export yet';

  const exportAs = (format: 'md' | 'json'): void => {
    if (!analysis) return;
    const name = reportFileName(analysis, format);
    if (format === 'md') downloadFile(name, reportMarkdown(analysis), 'text/markdown;charset=utf-8');
    else downloadFile(name, `${JSON.stringify(analysis, null, 2)}\n`, 'application/json');
    toast.info(`Saved ${name}`);
  };

  useScreenPaletteEntries(
    'canary:export',
    (['md', 'json'] as const).map((format): PaletteEntry => ({
      id: `canary:export:${format}`,
      name: format === 'md' ? 'Export Markdown' : 'Export JSON',
      keywords: ['canary', 'report', 'download', format],
      kind: 'action',
      group: 'Canary report',
      ...(reason ? { disabled: true, detail: reason } : {}),
      run: () => exportAs(format),
    })),
  );

  return (
    <div className="canary-export" role="group" aria-label="Export the report">
      {(['md', 'json'] as const).map((format) => {
        const label = format === 'md' ? 'Export Markdown' : 'Export JSON';
        return (
          <span key={format} className="action-wrap">
            <button
              type="button"
              className="btn btn-small"
              aria-disabled={!analysis}
              aria-describedby={reason ? reasonId : undefined}
              title={reason ?? (analysis ? `Download ${reportFileName(analysis, format)}` : undefined)}
              onClick={() => exportAs(format)}
            >
              {label}
            </button>
          </span>
        );
      })}
      {reason && (
        <span id={reasonId} className="visually-hidden">
          {reason}
        </span>
      )}
    </div>
  );
}
