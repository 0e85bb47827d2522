/* What a vault file may be, and whether its bytes are what its name and type say (ASVS V5.2.2,
   V1.3.4). Invariants:
   - A file is declared with a content type from ACCEPTED only; its name's extension (the text
     after the last dot, if any) must be one the type lists, or absent. Anything else is refused
     at declaration (file_type_not_allowed), before a URL is issued.
   - While the bytes stream, they must be of that type: the leading "magic bytes" of each binary
     format, well-formed UTF-8 without NUL for text, and for SVG, text that passes checkSvg. The
     first byte that cannot be the declared type ends the upload (upload_content_mismatch); a
     too-short file is refused at its end. Nothing of a refused upload is stored (service.ts).
   - application/octet-stream is the one opaque type: any bytes, named .bin, .dat or without an
     extension, and served as application/octet-stream (an attachment, nosniff), so no program
     is chosen for it by its name.
   - SVG is scriptable: only drawing elements and attributes pass (no script, foreignObject,
     image, a, style, animation, event handler, external reference, DOCTYPE or entity), so a
     stored SVG never carries script whatever opens it later. */
import { FileTypeNotAllowed, UploadContentMismatch } from './errors.js';

type Check = { kind: 'opaque' } | { kind: 'text' } | { kind: 'svg' } | { kind: 'magic'; any: readonly (readonly (number | null)[])[] };

interface FileKind {
  extensions: readonly string[];
  check: Check;
}

const bytes = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));
const magic = (...any: (readonly (number | null)[])[]): Check => ({ kind: 'magic', any });
const TEXT: Check = { kind: 'text' };
const ZIP = magic(bytes('PK\u0003\u0004'), bytes('PK\u0005\u0006'));
const OLE = magic([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const OOXML = 'application/vnd.openxmlformats-officedocument.';

/** The accepted content types (parameters such as charset aside), their extensions, and how
    their content is checked. */
export const ACCEPTED: Readonly<Record<string, FileKind>> = {
  'application/octet-stream': { extensions: ['bin', 'dat'], check: { kind: 'opaque' } },
  'application/pdf': { extensions: ['pdf'], check: magic(bytes('%PDF-')) },
  'image/png': { extensions: ['png'], check: magic([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  'image/jpeg': { extensions: ['jpg', 'jpeg', 'jpe'], check: magic([0xff, 0xd8, 0xff]) },
  'image/gif': { extensions: ['gif'], check: magic(bytes('GIF87a'), bytes('GIF89a')) },
  'image/webp': { extensions: ['webp'], check: magic([...bytes('RIFF'), null, null, null, null, ...bytes('WEBP')]) },
  'image/tiff': { extensions: ['tif', 'tiff'], check: magic([0x49, 0x49, 0x2a, 0x00], [0x4d, 0x4d, 0x00, 0x2a]) },
  'image/svg+xml': { extensions: ['svg'], check: { kind: 'svg' } },
  'application/zip': { extensions: ['zip'], check: ZIP },
  'application/gzip': { extensions: ['gz'], check: magic([0x1f, 0x8b]) },
  [`${OOXML}wordprocessingml.document`]: { extensions: ['docx'], check: ZIP },
  [`${OOXML}spreadsheetml.sheet`]: { extensions: ['xlsx'], check: ZIP },
  [`${OOXML}presentationml.presentation`]: { extensions: ['pptx'], check: ZIP },
  'application/msword': { extensions: ['doc'], check: OLE },
  'application/vnd.ms-excel': { extensions: ['xls'], check: OLE },
  'text/plain': { extensions: ['txt', 'text', 'log'], check: TEXT },
  'text/csv': { extensions: ['csv'], check: TEXT },
  'text/markdown': { extensions: ['md', 'markdown'], check: TEXT },
  'application/json': { extensions: ['json'], check: TEXT },
  'application/x-ndjson': { extensions: ['ndjson', 'jsonl'], check: TEXT },
  'application/xml': { extensions: ['xml'], check: TEXT },
  'text/xml': { extensions: ['xml'], check: TEXT },
  'application/yaml': { extensions: ['yaml', 'yml'], check: TEXT },
};

/** The largest SVG accepted: it is checked whole, so it is held in memory while it streams. */
export const MAX_SVG_BYTES = 1024 * 1024;

const baseType = (contentType: string): string => (contentType.split(';')[0] ?? '').trim().toLowerCase();

/** The name's extension, lower case, without the dot; '' when it has none. */
export function extensionOf(name: string): string {
  const at = name.lastIndexOf('.');
  return at <= 0 || at === name.length - 1 ? '' : name.slice(at + 1).toLowerCase();
}

/** Throws FileTypeNotAllowed unless the type is accepted and the name's extension is one of its
    (or absent). */
export function checkDeclaration(name: string, contentType: string): void {
  const kind = ACCEPTED[baseType(contentType)];
  const ext = extensionOf(name);
  if (!kind) throw new FileTypeNotAllowed({ contentType: baseType(contentType) });
  if (ext !== '' && !kind.extensions.includes(ext)) throw new FileTypeNotAllowed({ contentType: baseType(contentType), extension: ext });
}

export interface ContentCheck {
  /** Each chunk as it arrives; throws UploadContentMismatch at the first that cannot be the type. */
  write(chunk: Buffer): void;
  /** At the end of the bytes; throws UploadContentMismatch if they were not the type. */
  end(): void;
}

/** The streaming check of a declared file's bytes against its type (checkDeclaration passed). */
export function contentCheck(contentType: string): ContentCheck {
  const type = baseType(contentType);
  const check = ACCEPTED[type]?.check;
  if (!check) throw new FileTypeNotAllowed({ contentType: type });
  const refuse = (why: string): never => {
    throw new UploadContentMismatch({ contentType: type, why });
  };
  if (check.kind === 'opaque') return { write() {}, end() {} };
  if (check.kind === 'magic') {
    const need = Math.max(...check.any.map((m) => m.length));
    let head = Buffer.alloc(0);
    let decided = false;
    const matches = (m: readonly (number | null)[]) => m.every((b, i) => b === null || head[i] === b);
    const decide = () => {
      decided = true;
      if (!check.any.some((m) => head.length >= m.length && matches(m))) refuse('magic bytes');
    };
    return {
      write(chunk) {
        if (decided) return;
        head = Buffer.concat([head, chunk.subarray(0, need - head.length)]);
        // Refuse as soon as no signature can still match; decide once the longest could.
        if (!check.any.some((m) => matches(m.slice(0, head.length)))) decide();
        else if (head.length >= need) decide();
      },
      end() {
        if (!decided) decide();
      },
    };
  }
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const svg: string[] = [];
  let svgBytes = 0;
  const text = (chunk: Buffer, stream: boolean): string => {
    let s: string;
    try {
      s = decoder.decode(chunk, { stream });
    } catch {
      return refuse('not UTF-8');
    }
    if (s.includes('\u0000')) refuse('NUL in text');
    return s;
  };
  return {
    write(chunk) {
      const s = text(chunk, true);
      if (check.kind !== 'svg') return;
      svgBytes += chunk.length;
      if (svgBytes > MAX_SVG_BYTES) refuse('SVG larger than 1 MiB');
      svg.push(s);
    },
    end() {
      const s = text(Buffer.alloc(0), false);
      if (check.kind !== 'svg') return;
      const problem = checkSvg(svg.join('') + s);
      if (problem) refuse(problem);
    },
  };
}

/* ---- SVG: an allow-list of drawing elements, checked on the whole document. */

const SVG_ELEMENTS = new Set([
  'svg', 'g', 'defs', 'desc', 'title', 'symbol', 'use', 'switch',
  'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon',
  'text', 'tspan', 'textpath',
  'lineargradient', 'radialgradient', 'stop', 'pattern', 'clippath', 'mask', 'marker',
  'filter', 'feblend', 'fecolormatrix', 'fecomponenttransfer', 'fefunca', 'fefuncb', 'fefuncg', 'fefuncr',
  'fecomposite', 'feconvolvematrix', 'fediffuselighting', 'fedisplacementmap', 'fedistantlight', 'fedropshadow',
  'feflood', 'fegaussianblur', 'femerge', 'femergenode', 'femorphology', 'feoffset', 'fepointlight',
  'fespecularlighting', 'fespotlight', 'fetile', 'feturbulence',
]);
const NAMESPACES = new Set(['http://www.w3.org/2000/svg', 'http://www.w3.org/1999/xlink', 'http://www.w3.org/XML/1998/namespace']);
const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Character and the five predefined entity references decoded; null when another is used. */
function decodeEntities(s: string): string | null {
  let bad = false;
  const out = s.replace(/&([^;\s&]*);?/g, (all, ref: string) => {
    if (!all.endsWith(';')) return (bad = true, '');
    const m = /^#(?:x([0-9a-f]{1,6})|([0-9]{1,7}))$/i.exec(ref);
    if (m) {
      const cp = m[1] !== undefined ? parseInt(m[1], 16) : parseInt(m[2] ?? '', 10);
      return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : ((bad = true), '');
    }
    const named = NAMED_ENTITIES[ref];
    return named ?? ((bad = true), '');
  });
  return bad ? null : out;
}

/** Why an attribute is not safe, or null. `value` is decoded. */
function attributeProblem(name: string, value: string): string | null {
  const lower = name.toLowerCase();
  const colon = lower.indexOf(':');
  const prefix = colon < 0 ? '' : lower.slice(0, colon);
  const local = colon < 0 ? lower : lower.slice(colon + 1);
  if (prefix !== '' && prefix !== 'xlink' && prefix !== 'xml' && prefix !== 'xmlns') return `attribute ${name}`;
  if (local.startsWith('on')) return `event handler ${name}`;
  if (prefix === 'xmlns' || lower === 'xmlns') return NAMESPACES.has(value.trim()) ? null : `namespace ${value.slice(0, 60)}`;
  // Whitespace and control characters are ignored by URL parsers ("java\tscript:").
  const squeezed = value.replace(/[\u0000-\u0020\u007f-\u009f]+/g, '').toLowerCase();
  if (/(?<![a-z0-9+.-])(?:javascript|vbscript|data):/.test(squeezed)) return `script URL in ${name}`;
  if (local === 'href' || local === 'src') return value.trim().startsWith('#') ? null : `external reference in ${name}`;
  // url(...) only to a fragment of this document (fill="url(#g)"); no CSS escapes or imports.
  for (const m of squeezed.matchAll(/url\(([^)]*)\)?/g)) {
    if (!/^['"]?#/.test(m[1] ?? '')) return `external reference in ${name}`;
  }
  if (local === 'style' && /@import|expression|\\|behavior|binding/.test(squeezed)) return 'style with imports or escapes';
  return null;
}

/** Why an SVG document is not safe to keep (scriptable or external content), or null. */
export function checkSvg(doc: string): string | null {
  let i = 0;
  let root = true;
  const n = doc.length;
  if (doc.charCodeAt(0) === 0xfeff) i = 1;
  while (i < n) {
    const lt = doc.indexOf('<', i);
    const textRun = doc.slice(i, lt < 0 ? n : lt);
    if (decodeEntities(textRun) === null) return 'entity reference';
    if (lt < 0) break;
    i = lt;
    if (doc.startsWith('<!--', i)) {
      const end = doc.indexOf('-->', i + 4);
      if (end < 0) return 'unterminated comment';
      i = end + 3;
      continue;
    }
    if (doc.startsWith('<?', i)) {
      const end = doc.indexOf('?>', i + 2);
      if (end < 0 || !root || !/^<\?xml[\s?]/.test(doc.slice(i, end + 2))) return 'processing instruction';
      i = end + 2;
      continue;
    }
    if (doc.startsWith('<!', i)) return 'DOCTYPE, entity or CDATA declaration';
    const closing = doc[i + 1] === '/';
    const nameMatch = /^[A-Za-z_][\w.:-]*/.exec(doc.slice(i + (closing ? 2 : 1), i + 200));
    if (!nameMatch) return 'malformed tag';
    const name = nameMatch[0].toLowerCase();
    const colon = name.indexOf(':');
    if (colon >= 0 && name.slice(0, colon) !== 'svg') return `element ${nameMatch[0]}`;
    const local = colon < 0 ? name : name.slice(colon + 1);
    if (!SVG_ELEMENTS.has(local)) return `element ${nameMatch[0]}`;
    if (!closing && root && local !== 'svg') return 'the root element is not svg';
    if (!closing) root = false;
    i += (closing ? 2 : 1) + nameMatch[0].length;
    // Attributes, to the end of the tag.
    for (;;) {
      while (i < n && /\s/.test(doc[i] ?? '')) i++;
      if (i >= n) return 'unterminated tag';
      if (doc[i] === '>') { i++; break; }
      if (doc.startsWith('/>', i) && !closing) { i += 2; break; }
      if (closing) return 'malformed closing tag';
      const attr = /^[^\s=/>"'<]+/.exec(doc.slice(i, i + 200));
      if (!attr) return 'malformed attribute';
      i += attr[0].length;
      while (i < n && /\s/.test(doc[i] ?? '')) i++;
      if (doc[i] !== '=') return `attribute ${attr[0]} without a value`;
      i++;
      while (i < n && /\s/.test(doc[i] ?? '')) i++;
      const quote = doc[i];
      if (quote !== '"' && quote !== "'") return `unquoted value of ${attr[0]}`;
      const end = doc.indexOf(quote, i + 1);
      if (end < 0) return 'unterminated attribute value';
      const raw = doc.slice(i + 1, end);
      if (raw.includes('<')) return `"<" in the value of ${attr[0]}`;
      const value = decodeEntities(raw);
      if (value === null) return `entity reference in ${attr[0]}`;
      const problem = attributeProblem(attr[0], value);
      if (problem) return problem;
      i = end + 1;
    }
  }
  return root ? 'no svg element' : null;
}
