// "Draft postmortem" for one incident: drafts (or redrafts) it in the workspace, previews the
// Markdown and the chart, and downloads both. A draft a person edited is replaced only when they
// say so, and the edited one is kept as .bak.
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { PostmortemDraft } from '../../../shared/api/postmortem-api';
import { api } from '../../api/client';
import { downloadFile } from '../../components/download-file';
import './postmortem-panel.css';
import type { PaletteEntry } from '../../app/palette-entry';
import { useScreenPaletteEntries } from '../../app/screen-palette-entries';

export function PostmortemPanel({ incidentId }: { incidentId: string }) {
  const [draft, setDraft] = useState<PostmortemDraft | undefined>();
  const mutation = useMutation({
    mutationFn: (overwrite: boolean) => api('incidents.postmortem', { id: incidentId, overwrite }),
    onSuccess: setDraft,
  });
  const edited = mutation.error?.message.includes('was edited since it was drafted') ?? false;
  const image = draft?.images[0];
  // The panel's buttons, for the palette: draft, download the Markdown and each chart.
  const group = `Incident ${incidentId}`;
  useScreenPaletteEntries('incident:postmortem', [
    {
      id: `postmortem:draft:${incidentId}`,
      name: draft ? 'Redraft postmortem' : 'Draft postmortem',
      target: incidentId,
      keywords: ['postmortem', 'blameless', 'timeline', 'draft'],
      kind: 'action',
      group,
      ...(mutation.isPending ? { disabled: true, detail: 'Drafting…' } : {}),
      run: () => mutation.mutate(false),
    },
    ...(draft
      ? [
          {
            id: `postmortem:download:${incidentId}`,
            name: 'Download postmortem Markdown',
            target: incidentId,
            keywords: ['⬇ Download Markdown', 'export', 'postmortem'],
            kind: 'action' as const,
            group,
            run: () => downloadFile(`${incidentId}-postmortem.md`, draft.markdown, 'text/markdown'),
          },
          ...draft.images.map((i): PaletteEntry => ({
            id: `postmortem:image:${incidentId}:${i.name}`,
            name: `Download ${i.name}`,
            target: incidentId,
            keywords: ['chart', 'image', 'postmortem'],
            kind: 'action',
            group,
            run: () => downloadFile(i.name, i.svg, 'image/svg+xml'),
          })),
        ]
      : []),
    ...(edited
      ? [
          {
            id: `postmortem:replace:${incidentId}`,
            name: 'Replace the edited postmortem',
            target: incidentId,
            keywords: ['overwrite', 'bak', 'postmortem'],
            kind: 'action' as const,
            destructive: true,
            group,
            run: () => mutation.mutate(true),
          },
        ]
      : []),
  ]);
  return (
    <section
      className="postmortem-panel"
      aria-label={`Postmortem of ${incidentId}`}
      data-testid="postmortem-panel"
    >
      <div className="view-head">
        <button
          type="button"
          className="button"
          onClick={() => mutation.mutate(false)}
          disabled={mutation.isPending}
        >
          {draft ? 'Redraft postmortem' : 'Draft postmortem'}
        </button>
        {draft && (
          <>
            <button
              type="button"
              className="button"
              onClick={() => downloadFile(`${incidentId}-postmortem.md`, draft.markdown, 'text/markdown')}
            >
              ⬇ Download Markdown
            </button>
            {draft.images.map((i) => (
              <button
                key={i.name}
                type="button"
                className="button"
                onClick={() => downloadFile(i.name, i.svg, 'image/svg+xml')}
              >
                ⬇ {i.name}
              </button>
            ))}
            <span className="muted">Saved as {draft.path}</span>
          </>
        )}
      </div>
      {mutation.isPending && <p className="loading">Drafting from the audit log…</p>}
      {mutation.error && (
        <p className="banner banner-error" role="alert">
          ✖ {mutation.error.message}
          {edited && (
            <>
              {' '}
              <button type="button" className="button" onClick={() => mutation.mutate(true)}>
                Replace it (keep the edited one as postmortem.md.bak)
              </button>
            </>
          )}
        </p>
      )}
      {draft?.keptEdits && <p className="muted">ℹ The edited draft was kept as {draft.keptEdits}.</p>}
      {image && (
        <img
          className="postmortem-chart"
          alt="Error rate per affected service with changes, alerts and mitigations marked"
          src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(image.svg)}`}
        />
      )}
      {draft && (
        <pre className="postmortem-preview" data-testid="postmortem-markdown" tabIndex={0}>
          {draft.markdown}
        </pre>
      )}
    </section>
  );
}
