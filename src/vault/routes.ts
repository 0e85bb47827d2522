/* HTTP surface of the file vault (docs/vault.md). Thin: parse, take the organisation and actor
   from the authenticated principal (TEN-1), name the collection as the resource so decide()
   weighs the caller's role on it (RBAC-3), call the service, shape the reply.

   The two object routes (/v1/vault/objects/{fileId}) are public: their authority is the signed
   URL (FILE-2), checked by the service in the organisation the URL's signature binds. Their
   bodies are raw bytes of any declared type, so they live in a child plugin whose only content
   parser hands the request stream on unread. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireCaller } from '../lib/caller.js';
import type { Vault, VaultCaller } from './service.js';
import * as s from './schemas.js';

export interface VaultRoutesOptions {
  vault: Vault;
}

function caller(request: FastifyRequest): VaultCaller {
  return requireCaller(request);
}

const tags = ['vault'];
const security = [{ session: [] }, { apiKey: [] }];
const onCollection = (request: FastifyRequest) => ({ type: 'collection', id: (request.params as { collectionId: string }).collectionId });
const binary = z.unknown().meta({ type: 'string', format: 'binary' });

/** RFC 6266 attachment header; the name is display text (ASCII fallback + UTF-8). */
function disposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  // RFC 5987 attr-char excludes ' ( ) * which encodeURIComponent leaves as they are.
  const ext = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${ext}`;
}

export async function vaultRoutes(app: FastifyInstance, opts: VaultRoutesOptions): Promise<void> {
  const { vault } = opts;
  const r = app.withTypeProvider<ZodTypeProvider>();

  // ---- collections
  r.post('/v1/org/vault/collections', {
    config: { access: 'org', permission: 'collections:write' },
    schema: { summary: 'Create a collection of files (a case, a trip, a facility)', tags, security, body: s.createCollectionBody, response: { 201: s.collection, ...s.problems() } },
  }, async (request, reply) => reply.code(201).send(await vault.createCollection(caller(request), request.body.name)));

  r.get('/v1/org/vault/collections', {
    config: { access: 'org', permission: 'collections:read' },
    schema: { summary: 'List the organisation\'s collections', tags, security, response: { 200: s.collectionList, ...s.problems() } },
  }, async (request) => ({ items: await vault.listCollections(caller(request)) }));

  r.get('/v1/org/vault/collections/:collectionId', {
    config: { access: 'org', permission: 'collections:read', resource: onCollection },
    schema: { summary: 'One collection', tags, security, params: s.collectionParams, response: { 200: s.collection, ...s.problems(404) } },
  }, async (request) => vault.getCollection(caller(request), request.params.collectionId));

  r.delete('/v1/org/vault/collections/:collectionId', {
    config: { access: 'org', permission: 'collections:write', resource: onCollection },
    schema: { summary: 'Delete an empty collection (its member roles go with it)', tags, security, params: s.collectionParams, response: { 204: z.null(), ...s.problems(404, 409) } },
  }, async (request, reply) => {
    await vault.deleteCollection(caller(request), request.params.collectionId);
    return reply.code(204).send(null);
  });

  // ---- per-collection roles (RBAC-3 layer 3)
  r.get('/v1/org/vault/collections/:collectionId/members', {
    config: { access: 'org', permission: 'collections:read', resource: onCollection },
    schema: { summary: 'Members holding a role on this collection', tags, security, params: s.collectionParams, response: { 200: s.memberList, ...s.problems(404) } },
  }, async (request) => ({ items: await vault.listMembers(caller(request), request.params.collectionId) }));

  r.put('/v1/org/vault/collections/:collectionId/members/:userId', {
    config: { access: 'org', permission: 'collections:share', resource: onCollection },
    schema: { summary: 'Give a member owner, editor or reader on this collection', tags, security, params: s.memberParams, body: s.setMemberBody, response: { 204: z.null(), ...s.problems(404) } },
  }, async (request, reply) => {
    await vault.setMember(caller(request), request.params.collectionId, request.params.userId, request.body.role);
    return reply.code(204).send(null);
  });

  r.delete('/v1/org/vault/collections/:collectionId/members/:userId', {
    config: { access: 'org', permission: 'collections:share', resource: onCollection },
    schema: { summary: 'Take a member\'s role on this collection away', tags, security, params: s.memberParams, response: { 204: z.null(), ...s.problems(404) } },
  }, async (request, reply) => {
    await vault.removeMember(caller(request), request.params.collectionId, request.params.userId);
    return reply.code(204).send(null);
  });

  // ---- files
  r.get('/v1/org/vault/collections/:collectionId/files', {
    config: { access: 'org', permission: 'collections:read', resource: onCollection },
    schema: { summary: 'Files of a collection (metadata only)', tags, security, params: s.collectionParams, response: { 200: s.fileList, ...s.problems(404) } },
  }, async (request) => ({ items: await vault.listFiles(caller(request), request.params.collectionId) }));

  r.post('/v1/org/vault/collections/:collectionId/files', {
    config: { access: 'org', permission: 'collections:write', resource: onCollection },
    schema: {
      summary: 'Declare a file (name, exact size, content type, evidence flag) and get its upload URL: PUT the bytes there within 5 minutes',
      tags, security, params: s.collectionParams, body: s.createFileBody, response: { 201: s.createdUpload, ...s.problems(404, 413, 415, 429) },
    },
  }, async (request, reply) => {
    const { file, upload } = await vault.createUpload(caller(request), request.params.collectionId, request.body);
    return reply.code(201).send({ file, upload: { ...upload, headers: { 'content-type': file.contentType } } });
  });

  r.get('/v1/org/vault/collections/:collectionId/files/:fileId', {
    config: { access: 'org', permission: 'collections:read', resource: onCollection },
    schema: { summary: 'One file\'s metadata', tags, security, params: s.fileParams, response: { 200: s.file, ...s.problems(404) } },
  }, async (request) => vault.getFile(caller(request), request.params.collectionId, request.params.fileId));

  r.post('/v1/org/vault/collections/:collectionId/files/:fileId/download-url', {
    config: { access: 'org', permission: 'collections:read', resource: onCollection },
    schema: { summary: 'A signed download URL for the file, valid 5 minutes', tags, security, params: s.fileParams, response: { 200: s.signedUrl, ...s.problems(404, 409) } },
  }, async (request) => vault.downloadUrl(caller(request), request.params.collectionId, request.params.fileId));

  r.delete('/v1/org/vault/collections/:collectionId/files/:fileId', {
    config: { access: 'org', permission: 'collections:write', resource: onCollection },
    schema: { summary: 'Delete a file on demand: its object, its key and its metadata (refused under legal hold)', tags, security, params: s.fileParams, response: { 204: z.null(), ...s.problems(404, 409) } },
  }, async (request, reply) => {
    await vault.deleteFile(caller(request), request.params.collectionId, request.params.fileId);
    return reply.code(204).send(null);
  });

  r.put('/v1/org/vault/collections/:collectionId/files/:fileId/legal-hold', {
    config: { access: 'org', permission: 'org:write' },
    schema: { summary: 'Place or release a legal hold: a held file is exempt from retention and cannot be deleted', tags, security, params: s.fileParams, body: s.legalHoldBody, response: { 200: s.file, ...s.problems(404) } },
  }, async (request) => vault.setLegalHold(caller(request), request.params.collectionId, request.params.fileId, request.body.hold));

  // ---- settings
  r.get('/v1/org/vault/settings', {
    config: { access: 'org', permission: 'collections:read' },
    schema: { summary: 'The organisation\'s file retention (default 90 days)', tags, security, response: { 200: s.settings, ...s.problems() } },
  }, async (request) => vault.getSettings(caller(request)));

  r.put('/v1/org/vault/settings', {
    config: { access: 'org', permission: 'org:write' },
    schema: { summary: 'Set the organisation\'s file retention in days', tags, security, body: s.settingsBody, response: { 200: s.settings, ...s.problems() } },
  }, async (request) => vault.setSettings(caller(request), request.body.retentionDays));

  // ---- the signed object routes (raw bytes)
  await app.register(async (objects) => {
    objects.removeAllContentTypeParsers();
    objects.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));
    const o = objects.withTypeProvider<ZodTypeProvider>();
    o.put('/v1/vault/objects/:fileId', {
      config: { access: 'public' },
      schema: {
        summary: 'Upload a file\'s bytes to its signed upload URL (exactly the declared size and Content-Type; encrypted by Palisade on the way)',
        tags, params: s.objectParams, querystring: s.signedQuery,
        consumes: ['application/octet-stream', 'text/plain', 'application/pdf', 'image/jpeg', 'image/png'],
        body: binary,
        response: { 200: s.file, ...s.problems(409, 413, 415, 422) },
      },
    }, async (request) => vault.upload(request.params.fileId, request.query, request.headers['content-type'], request.raw, request.source));

    o.get('/v1/vault/objects/:fileId', {
      config: { access: 'public' },
      schema: {
        summary: 'Download a file from its signed download URL (decrypted by Palisade, each chunk only after its tag checks out)',
        tags, params: s.objectParams, querystring: s.signedQuery,
        response: { 200: { description: 'The file\'s bytes, with its declared Content-Type, as an attachment', content: { 'application/octet-stream': { schema: binary } } }, ...s.problems(409) },
      },
    }, async (request, reply) => {
      const d = await vault.download(request.params.fileId, request.query, request.source);
      return reply
        .header('content-type', d.contentType)
        .header('content-length', String(d.size))
        .header('content-disposition', disposition(d.name))
        .header('cache-control', 'no-store')
        .send(d.stream as unknown as string); // a stream: sent as is, never serialised
    });
  });
}
