// Child-process renderer for the hostile suite: renders one release file (dist build) with the network stubbed out,
// under Node's permission model when the parent asks for it; prints one JSON line: pages, error messages, network calls.
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';

/** Every attempt to reach the network, by API name. */
const netCalls = [];
const refuse = (name) => (...args) => {
  netCalls.push({ name, target: String(args[0]?.href ?? args[0]?.host ?? args[0]) });
  throw new Error(`network access refused in the hostile suite: ${name}`);
};
for (const [obj, names, label] of [[net, ['connect', 'createConnection'], 'net'], [tls, ['connect'], 'tls'], [http, ['request', 'get'], 'http'], [https, ['request', 'get'], 'https'], [dns, ['lookup', 'resolve'], 'dns']]) {
  for (const name of names) obj[name] = refuse(`${label}.${name}`);
}
globalThis.fetch = refuse('fetch');

const [file, distIndex] = process.argv.slice(2);
const { renderRelease, PressroomError } = await import(distIndex);
const out = { netCalls, pages: null, errors: null, internal: null };
try {
  out.pages = (await renderRelease(file)).pages;
} catch (err) {
  if (err instanceof PressroomError) out.errors = err.diagnostics.map((d) => d.message);
  else out.internal = String(err?.stack ?? err);
}
process.stdout.write(`${JSON.stringify(out)}\n`);
