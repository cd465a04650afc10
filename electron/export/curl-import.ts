import type { HeaderPair } from '../../shared/types';
import { InboxError } from '../core/errors';
import { type ImportedRequest, importedRequest } from './imported-request';
import { shellWords } from './shell-words';

/** Reads a file named in the command (`-d @file`, `--data-binary @file`, `-T file`). */
export type FileReader = (path: string) => Uint8Array;

const IGNORED = new Set([
  '-s',
  '--silent',
  '-S',
  '--show-error',
  '-v',
  '--verbose',
  '-k',
  '--insecure',
  '-L',
  '--location',
  '-i',
  '--include',
  '--compressed',
  '--http1.1',
  '--http1.0',
  '--http2',
  '--path-as-is',
  '-f',
  '--fail',
  '-N',
  '--no-buffer',
  '-g',
  '--globoff',
  '-#',
  '--progress-bar',
]);
const IGNORED_WITH_VALUE = new Set([
  '-o',
  '--output',
  '-w',
  '--write-out',
  '-m',
  '--max-time',
  '--connect-timeout',
  '--retry',
  '-x',
  '--proxy',
  '--cacert',
  '--cert',
  '--key',
  '-c',
  '--cookie-jar',
  '--resolve',
]);
const DATA = new Set(['-d', '--data', '--data-ascii', '--data-raw', '--data-binary', '--data-urlencode']);
const SHORT_NO_VALUE = new Set('sSvkLifNg#IG'.split(''));

const latin1 = (s: string) => Buffer.from(s, 'latin1');

/** The bytes a `printf %s X | base64 -d |` (or `echo -n X | …`) prefix feeds into curl's stdin. */
function stdinOf(commands: string[][]): Uint8Array | null {
  let data: Uint8Array | null = null;
  for (const words of commands) {
    const [cmd, ...args] = words;
    if (cmd === 'printf') data = latin1(args[0] === '%s' ? (args[1] ?? '') : (args[0] ?? ''));
    else if (cmd === 'echo') data = latin1(args.filter((a) => a !== '-n').join(' '));
    else if (cmd === 'base64' && args.some((a) => ['-d', '-D', '--decode'].includes(a)) && data)
      data = Buffer.from(Buffer.from(data).toString('latin1'), 'base64');
    else if (cmd === 'cat' && args[0] === undefined) continue;
    else
      throw new InboxError(
        'invalid',
        `Cannot import a command piped from "${cmd}": only printf/echo and base64 -d are understood`,
      );
  }
  return data;
}

/**
 * Reads a curl command (as "Copy as cURL" in browsers and Hookline's own export write it) into the
 * request curl would send: Host first, headers in order, `-H 'Name:'` suppressions honoured, curl's
 * default form Content-Type for data without one, and the exact body bytes.
 */
export function parseCurl(command: string, readFile: FileReader): ImportedRequest {
  const segments: string[][] = [[]];
  for (const t of shellWords(command)) {
    if ('pipe' in t) segments.push([]);
    else segments[segments.length - 1]?.push(t.word);
  }
  const curlAt = segments.findIndex((words) => words[0] === 'curl');
  const words = segments[curlAt]?.slice(1);
  if (!words) throw new InboxError('invalid', 'No curl command found: paste a command that starts with curl');
  const stdin = () => {
    const data = stdinOf(segments.slice(0, curlAt));
    if (!data)
      throw new InboxError(
        'invalid',
        'The command reads its body from stdin (@-), but nothing is piped into it',
      );
    return data;
  };
  const file = (name: string, raw: boolean): Uint8Array => {
    const bytes = name === '-' ? stdin() : readFile(name);
    // -d @file drops CR and LF, as curl does; --data-binary keeps every byte.
    return raw
      ? bytes
      : latin1(
          Buffer.from(bytes)
            .toString('latin1')
            .replace(/[\r\n]/g, ''),
        );
  };
  let method: string | null = null;
  let url: string | null = null;
  let get = false;
  const headers: HeaderPair[] = [];
  const suppressed = new Set<string>();
  const data: Uint8Array[] = [];
  let upload: Uint8Array | null = null;
  for (let i = 0; i < words.length; i++) {
    let flag = words[i] as string;
    let attached: string | null = null;
    const value = () => {
      if (attached !== null) return attached;
      const v = words[++i];
      if (v === undefined) throw new InboxError('invalid', `curl option ${flag} needs a value`);
      return v;
    };
    if (/^-[a-zA-Z#]{2,}$/.test(flag) && [...flag.slice(1)].every((c) => SHORT_NO_VALUE.has(c))) {
      if (flag.includes('I')) method = 'HEAD';
      if (flag.includes('G')) get = true;
      continue;
    }
    if (/^-[XHdAeburT]./.test(flag)) {
      attached = flag.slice(2);
      flag = flag.slice(0, 2);
    } else if (flag.startsWith('--') && flag.includes('=') && !DATA.has(flag)) {
      attached = flag.slice(flag.indexOf('=') + 1);
      flag = flag.slice(0, flag.indexOf('='));
    }
    if (IGNORED.has(flag)) continue;
    if (IGNORED_WITH_VALUE.has(flag)) value();
    else if (flag === '-X' || flag === '--request') method = value();
    else if (flag === '-I' || flag === '--head') method = 'HEAD';
    else if (flag === '-G' || flag === '--get') get = true;
    else if (flag === '--url') url = value();
    else if (flag === '-H' || flag === '--header') {
      const h = value();
      const colon = h.indexOf(':');
      const semi = h.indexOf(';');
      if (colon === -1 && semi > 0 && h.slice(semi + 1).trim() === '')
        headers.push([h.slice(0, semi).trim(), '']);
      else if (colon > 0 && h.slice(colon + 1).trim() === '')
        suppressed.add(h.slice(0, colon).trim().toLowerCase());
      else if (colon > 0) headers.push([h.slice(0, colon).trim(), h.slice(colon + 1).replace(/^[ \t]+/, '')]);
      else throw new InboxError('invalid', `Cannot read header "${h}": use "Name: value"`);
    } else if (flag === '-A' || flag === '--user-agent') headers.push(['User-Agent', value()]);
    else if (flag === '-e' || flag === '--referer') headers.push(['Referer', value()]);
    else if (flag === '-b' || flag === '--cookie') headers.push(['Cookie', value()]);
    else if (flag === '-u' || flag === '--user')
      headers.push(['Authorization', `Basic ${Buffer.from(value(), 'latin1').toString('base64')}`]);
    else if (flag === '-T' || flag === '--upload-file') upload = file(value(), true);
    else if (DATA.has(flag)) {
      const v = value();
      if (flag === '--data-urlencode') {
        const eq = v.indexOf('=');
        data.push(
          latin1(
            eq === -1 ? encodeURIComponent(v) : `${v.slice(0, eq + 1)}${encodeURIComponent(v.slice(eq + 1))}`,
          ),
        );
      } else if (v.startsWith('@') && flag !== '--data-raw')
        data.push(file(v.slice(1), flag === '--data-binary'));
      else data.push(latin1(v));
    } else if (flag.startsWith('-') && flag !== '-')
      throw new InboxError('invalid', `Unsupported curl option ${flag}`);
    else if (url === null) url = flag;
    else throw new InboxError('invalid', `Unexpected argument "${flag}" after the URL ${url}`);
  }
  if (!url) throw new InboxError('invalid', 'The curl command has no URL');
  if (!/^https?:\/\//i.test(url)) url = `http://${url}`;
  let body: Uint8Array = upload ?? Buffer.alloc(0);
  if (data.length > 0 && get)
    url += (url.includes('?') ? '&' : '?') + data.map((d) => Buffer.from(d).toString('latin1')).join('&');
  else if (data.length > 0) body = Buffer.concat(data.flatMap((d, n) => (n === 0 ? [d] : [latin1('&'), d])));
  const has = (name: string) => suppressed.has(name) || headers.some(([k]) => k.toLowerCase() === name);
  // curl always sends Host first: the URL's, or a custom one moved to the front.
  const kept = headers.filter(([k]) => !suppressed.has(k.toLowerCase()));
  const host = kept.find(([k]) => k.toLowerCase() === 'host') ?? ['Host', new URL(url).host];
  const final: HeaderPair[] = [host, ...kept.filter((h) => h !== host)];
  if (data.length > 0 && !get && !has('content-type'))
    final.push(['Content-Type', 'application/x-www-form-urlencoded']);
  if (body.byteLength > 0 && !has('content-length') && !has('transfer-encoding'))
    final.push(['Content-Length', String(body.byteLength)]);
  return importedRequest({
    method: method ?? (upload ? 'PUT' : data.length > 0 && !get ? 'POST' : 'GET'),
    url,
    headers: final,
    body,
  });
}
