/**
 * The renderer's Content-Security-Policy: only our own scripts and styles, no eval, no inline
 * script, no plugins, not frameable. The web bridge sends it as a header; index.html carries it
 * as a meta tag for Electron, and a unit test keeps the two equal.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');
