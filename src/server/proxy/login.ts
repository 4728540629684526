// The login page (server-rendered, no script: the CSP allows none inline) and its POST, which exchanges
// CONSOLE_AUTH_TOKEN for the session cookie; and the logout POST, which clears it. English and Simplified Chinese,
// chosen by ?lang= or Accept-Language. Failed logins are rate-limited per client address.
import { hasControlCharacter } from '../../contract/match.ts';
import type { HttpBindings } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import { cceErrorCodes } from '../../contract/errors.ts';
import type { ServerConfig } from './config.ts';
import type { AuditLog } from './log.ts';
import { jsonError } from './refusal.ts';
import { headOf, isSameOriginForm, loginPath, logoutPath } from './security.ts';
import { createLoginLimiter, issueSession, sameToken, sessionCookie, sessionLifetimeMs } from './session.ts';

type Lang = 'en' | 'zh-CN';

const texts = {
  en: {
    title: 'Sign in — CCE Autopilot Console',
    heading: 'CCE Autopilot Console',
    intro: 'This console is shared on the network. Enter the access token that its operator gave you.',
    label: 'Access token',
    submit: 'Sign in',
    wrong: 'The access token is not correct.',
    tooMany: (seconds: number) => `Too many failed attempts. Try again in ${seconds} seconds.`,
    signedOut: 'You are signed out.',
    language: 'Language',
  },
  'zh-CN': {
    title: '登录 — CCE Autopilot 控制台',
    heading: 'CCE Autopilot 控制台',
    intro: '此控制台在网络上共享。请输入管理员提供给您的访问令牌。',
    label: '访问令牌',
    submit: '登录',
    wrong: '访问令牌不正确。',
    tooMany: (seconds: number) => `失败次数过多，请在 ${seconds} 秒后重试。`,
    signedOut: '您已退出登录。',
    language: '语言',
  },
} as const;

export function chooseLanguage(query: string | undefined, acceptLanguage: string | undefined): Lang {
  const pick = (tag: string): Lang | null => (/^zh\b/i.test(tag) ? 'zh-CN' : /^en\b/i.test(tag) ? 'en' : null);
  if (query) {
    const chosen = pick(query);
    if (chosen) return chosen;
  }
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.tag && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const entry of ranked) {
    const chosen = pick(entry.tag);
    if (chosen) return chosen;
  }
  return 'en';
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch);

/** Only a path of this origin (not //host, not /\host, no scheme) may be where the login sends the browser back. */
export function safeNext(next: string | undefined | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || next.includes('\\') || hasControlCharacter(next)) return '/';
  if (next.startsWith(loginPath)) return '/';
  // a Location header is ASCII: a path with other characters goes back percent-encoded
  if (/[^\x21-\x7e]/.test(next)) {
    try {
      return encodeURI(next);
    } catch {
      return '/';
    }
  }
  return next;
}

const style = `
  :root { color-scheme: light dark; font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans SC", sans-serif; }
  body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: Canvas; color: CanvasText; }
  main { width: min(26rem, 100% - 2rem); padding: 2rem; border: 1px solid GrayText; border-radius: 0.5rem; }
  h1 { font-size: 1.4rem; margin: 0 0 1rem; }
  label { display: block; font-weight: 600; margin: 1.25rem 0 0.4rem; }
  input { box-sizing: border-box; width: 100%; padding: 0.6rem; font: inherit; border: 1px solid CanvasText; border-radius: 0.25rem; }
  button { margin-top: 1rem; padding: 0.6rem 1.2rem; font: inherit; font-weight: 600; color: #fff; background: #0b57d0;
    border: 2px solid #0b57d0; border-radius: 0.25rem; cursor: pointer; }
  input:focus-visible, button:focus-visible, a:focus-visible { outline: 3px solid #e8710a; outline-offset: 2px; }
  .message { padding: 0.6rem; border-left: 4px solid #b3261e; background: color-mix(in srgb, #b3261e 12%, Canvas); }
  .message.info { border-color: #0b57d0; background: color-mix(in srgb, #0b57d0 12%, Canvas); }
  nav { margin-top: 1.5rem; font-size: 0.9rem; }
  a { color: LinkText; }
`;

export function renderLoginPage(options: { lang: Lang; next: string; error?: string | null; info?: string | null }): string {
  const t = texts[options.lang];
  const next = escapeHtml(options.next);
  const link = (lang: Lang, name: string) =>
    `<a href="${loginPath}?lang=${lang}${options.next !== '/' ? `&amp;next=${escapeHtml(encodeURIComponent(options.next))}` : ''}" lang="${lang}" hreflang="${lang}"${lang === options.lang ? ' aria-current="page"' : ''}>${name}</a>`;
  const error = options.error ? `<p class="message" id="login-error" role="alert">${escapeHtml(options.error)}</p>` : '';
  const info = options.info ? `<p class="message info" role="status">${escapeHtml(options.info)}</p>` : '';
  return `<!doctype html>
<html lang="${options.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t.title)}</title>
<style>${style}</style>
</head>
<body>
<main>
<h1>${escapeHtml(t.heading)}</h1>
<p>${escapeHtml(t.intro)}</p>
${error}${info}
<form method="post" action="${loginPath}">
<input type="hidden" name="next" value="${next}">
<input type="hidden" name="lang" value="${options.lang}">
<label for="token">${escapeHtml(t.label)}</label>
<input id="token" name="token" type="password" autocomplete="current-password" required autofocus${options.error ? ' aria-invalid="true" aria-describedby="login-error"' : ''}>
<button type="submit">${escapeHtml(t.submit)}</button>
</form>
<nav aria-label="${escapeHtml(t.language)}">${link('en', 'English')} · ${link('zh-CN', '简体中文')}</nav>
</main>
</body>
</html>
`;
}

/** Was this request made over https (directly, or as a TLS-terminating load balancer says)? */
function isHttps(c: Context): boolean {
  return new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase() === 'https';
}

const maxFormBytes = 8 * 1024;

export type LoginOptions = {
  config: ServerConfig;
  audit: AuditLog;
  now?: () => number;
  /** Failed attempts allowed per address and window (default 5 per 15 minutes). */
  limit?: number;
  windowMs?: number;
};

export function createLoginApp(options: LoginOptions) {
  const { config } = options;
  const now = options.now ?? Date.now;
  const limiter = createLoginLimiter({ limit: options.limit ?? 5, windowMs: options.windowMs ?? 15 * 60_000 });
  const app = new Hono<{ Bindings: Partial<HttpBindings> }>();
  const html = (c: Context, body: string, status: 200 | 401 | 429, headers: Record<string, string> = {}) =>
    c.body(body, status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers });

  app.get(loginPath, (c) => {
    if (config.consoleAuthToken === null) return c.redirect('/', 303);
    const lang = chooseLanguage(c.req.query('lang'), c.req.header('accept-language'));
    const info = c.req.query('signedOut') === '1' ? texts[lang].signedOut : null;
    return html(c, renderLoginPage({ lang, next: safeNext(c.req.query('next')), info }), 200);
  });

  app.post(loginPath, async (c) => {
    const token = config.consoleAuthToken;
    if (token === null) return c.redirect('/', 303);
    if (!isSameOriginForm(headOf(c), config)) return jsonError(403, cceErrorCodes.forbidden, 'Forbidden: the login form must be sent from this console');
    const address = c.env?.incoming?.socket.remoteAddress ?? 'unknown';
    const waitSeconds = limiter.retryAfter(address, now());
    const acceptLanguage = c.req.header('accept-language');
    if (waitSeconds > 0) {
      const lang = chooseLanguage(undefined, acceptLanguage);
      return html(c, renderLoginPage({ lang, next: '/', error: texts[lang].tooMany(waitSeconds) }), 429, { 'retry-after': String(waitSeconds) });
    }
    const length = Number(c.req.header('content-length') ?? '0');
    if (length > maxFormBytes) return jsonError(413, cceErrorCodes.invalidRequest, 'The login form is too large');
    if (!/^application\/x-www-form-urlencoded\b/i.test(c.req.header('content-type') ?? '')) {
      return jsonError(415, cceErrorCodes.contentTypeNotSupported, 'The login form is sent as application/x-www-form-urlencoded');
    }
    const text = await c.req.text();
    if (text.length > maxFormBytes) return jsonError(413, cceErrorCodes.invalidRequest, 'The login form is too large');
    const form = new URLSearchParams(text);
    const lang = chooseLanguage(form.get('lang') ?? undefined, acceptLanguage);
    const next = safeNext(form.get('next'));
    if (!sameToken(form.get('token') ?? '', token)) {
      limiter.fail(address, now());
      options.audit.info(JSON.stringify({ type: 'login', time: new Date(now()).toISOString(), outcome: 'failed', client: address }));
      return html(c, renderLoginPage({ lang, next, error: texts[lang].wrong }), 401);
    }
    limiter.succeed(address);
    options.audit.info(JSON.stringify({ type: 'login', time: new Date(now()).toISOString(), outcome: 'ok', client: address }));
    const session = issueSession(config.sessionSecret, now());
    c.header('set-cookie', sessionCookie(session.value, { secure: isHttps(c), maxAgeSeconds: sessionLifetimeMs / 1000 }));
    c.header('cache-control', 'no-store');
    return c.redirect(next, 303);
  });

  app.post(logoutPath, (c) => {
    if (!isSameOriginForm(headOf(c), config)) return jsonError(403, cceErrorCodes.forbidden, 'Forbidden: log out from this console');
    c.header('set-cookie', sessionCookie('', { secure: isHttps(c), maxAgeSeconds: 0 }));
    c.header('cache-control', 'no-store');
    return c.redirect(config.consoleAuthToken === null ? '/' : `${loginPath}?signedOut=1`, 303);
  });

  return app;
}

