import { createReadStream, existsSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
};

/**
 * The panel's Content-Security-Policy: scripts and connections only to the hub itself, so an
 * injected script can neither run inline nor send a token elsewhere.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  // The web app manifest and the app-shell service worker (ui/public/sw.js): installable as an app.
  "manifest-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Serves the built panel. Hashed assets are immutable; `index.html` is always revalidated. */
export class StaticFiles {
  private readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  get available(): boolean {
    return existsSync(path.join(this.root, 'index.html'));
  }

  serve(pathname: string, res: ServerResponse): boolean {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return false;
    }
    const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
    const file = path.resolve(this.root, relative);
    // Never outside the panel's folder, whatever `..` or encoded slashes the path holds.
    if (file !== this.root && !file.startsWith(this.root + path.sep)) return false;
    let stat: ReturnType<typeof statSync>;
    try {
      stat = statSync(file);
    } catch {
      return false;
    }
    if (!stat.isFile()) return false;
    const immutable = relative.startsWith('assets/');
    // The security headers are already set (security-headers.ts); the panel's CSP replaces the API's.
    res.writeHead(200, {
      'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'Content-Length': stat.size,
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      'Content-Security-Policy': CSP,
    });
    createReadStream(file).pipe(res);
    return true;
  }
}
