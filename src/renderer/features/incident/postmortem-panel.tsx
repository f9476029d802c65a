// "Draft postmortem" for one incident: drafts (or redrafts) it in the workspace, previews the
// Markdown and the chart, and downloads both. A draft a person edited is replaced only when they
// say so, and the edited one is kept as .bak.
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { PostmortemDraft } from '../../../shared/api/postmortem-api';
import { api } from '../../api/client';
import { downloadFile } from '../../components/download-file';
import './postmortem-panel.css';

export function PostmortemPanel({ incidentId }: { incidentId: string }) {
  const [draft, setDraft] = useState<PostmortemDraft | undefined>();
  const mutation = useMutation({
    mutationFn: (overwrite: boolean) => api('incidents.postmortem', { id: incidentId, overwrite }),
    onSuccess: setDraft,
  });
  const edited = mutation.error?.message.includes('was edited since it was drafted') ?? false;
  const image = draft?.images[0];
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
