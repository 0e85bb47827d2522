import { useState } from 'react';
import { api } from '../api/client';
import { Field, LoadError, Table, act, formValue, useLoad, useStatus, when } from '../ui';

export function Files() {
  const [status, say] = useStatus();
  const [open, setOpen] = useState<{ id: string; name: string } | null>(null);
  const collections = useLoad(() => api.GET('/v1/org/vault/collections'), []);
  const settings = useLoad(() => api.GET('/v1/org/vault/settings'), []);
  const files = useLoad(() => (open ? api.GET('/v1/org/vault/collections/{collectionId}/files', { params: { path: { collectionId: open.id } } }) : Promise.resolve({ data: { items: [] }, response: new Response() })), [open?.id]);
  return (
    <>
      <h1>Files</h1>
      {status}
      <p>The file vault: files are encrypted at rest, uploads and downloads go through short-lived signed links, and each collection has its own members (FILE-1…3).</p>
      <form onSubmit={async (e) => {
        e.preventDefault();
        const form = e.currentTarget;
        const name = formValue(form, 'name');
        if (await act(say, api.POST('/v1/org/vault/collections', { body: { name } }), `Collection ${name} created.`)) {
          form.reset();
          collections.reload();
        }
      }}>
        <Field id="col-name" label="New collection"><input id="col-name" name="name" required maxLength={200} autoComplete="off" /></Field>
        <button type="submit">Create collection</button>
      </form>
      <LoadError error={collections.error} />
      <Table id="collections" caption="Collections" cols={['Name', 'Files', 'Created', 'Actions']} rows={collections.data?.items} rowKey={(c) => c.id} empty="No collections."
        row={(c) => [c.name, String(c.files), when(c.createdAt), (
          <span key="a">
            <button type="button" aria-label={`Open collection ${c.name}`} onClick={() => setOpen({ id: c.id, name: c.name })}>Open</button>{' '}
            <button type="button" className="danger" aria-label={`Delete collection ${c.name}`} onClick={async () => { if (await act(say, api.DELETE('/v1/org/vault/collections/{collectionId}', { params: { path: { collectionId: c.id } } }), `Collection ${c.name} deleted.`)) { setOpen(null); collections.reload(); } }}>Delete</button>
          </span>
        )]} />
      {open ? (
        <section aria-labelledby="h-files">
          <h2 id="h-files">Files in {open.name}</h2>
          <form onSubmit={async (e) => {
            e.preventDefault();
            const form = e.currentTarget;
            const file = (form.elements.namedItem('file') as HTMLInputElement).files?.[0];
            if (!file) return;
            say('Uploading…');
            const r = await api.POST('/v1/org/vault/collections/{collectionId}/files', { params: { path: { collectionId: open.id } }, body: { name: file.name, contentType: file.type || 'application/octet-stream', size: file.size } });
            if (!(await act(say, Promise.resolve(r), 'Upload link issued.')) || !r.data) return;
            const put = await fetch(r.data.upload.url, { method: 'PUT', headers: r.data.upload.headers, body: file, credentials: 'omit' });
            say(put.ok ? `${file.name} uploaded and stored.` : `The upload failed (HTTP ${put.status}).`, put.ok ? 'ok' : 'error');
            form.reset();
            files.reload();
            collections.reload();
          }}>
            <Field id="file" label="File to upload"><input id="file" name="file" type="file" required /></Field>
            <button type="submit">Upload</button>
          </form>
          <LoadError error={files.error} />
          <Table id="files" caption={`Files in ${open.name}`} cols={['Name', 'Type', 'Size', 'Status', 'SHA-256', 'Legal hold', 'Actions']} rows={files.data?.items} rowKey={(f) => f.id} empty="No files."
            row={(f) => [f.name, f.contentType, `${f.size} B`, f.status, f.sha256 ?? '—', f.legalHold ? 'held' : 'no', (
              <span key="a">
                <button type="button" aria-label={`Download ${f.name}`} onClick={async () => {
                  const r = await api.POST('/v1/org/vault/collections/{collectionId}/files/{fileId}/download-url', { params: { path: { collectionId: open.id, fileId: f.id } } });
                  if (await act(say, Promise.resolve(r), `Download link for ${f.name} issued.`) && r.data) location.assign(r.data.url);
                }}>Download</button>{' '}
                <button type="button" className="danger" aria-label={`Delete ${f.name}`} onClick={async () => { if (await act(say, api.DELETE('/v1/org/vault/collections/{collectionId}/files/{fileId}', { params: { path: { collectionId: open.id, fileId: f.id } } }), `${f.name} deleted.`)) files.reload(); }}>Delete</button>
              </span>
            )]} />
        </section>
      ) : null}
      <section aria-labelledby="h-retention">
        <h2 id="h-retention">Retention</h2>
        <LoadError error={settings.error} />
        {settings.data ? (
          <form onSubmit={async (e) => {
            e.preventDefault();
            if (await act(say, api.PUT('/v1/org/vault/settings', { body: { retentionDays: Number(formValue(e.currentTarget, 'days')) } }), 'Retention saved.')) settings.reload();
          }}>
            <Field id="ret-days" label={`Keep files this many days${settings.data.isDefault ? ' (the default)' : ''}`}><input id="ret-days" name="days" type="number" min={1} required defaultValue={settings.data.retentionDays} /></Field>
            <button type="submit">Save retention</button>
          </form>
        ) : null}
      </section>
    </>
  );
}
