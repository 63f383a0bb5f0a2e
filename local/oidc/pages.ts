// The local OpenID provider's server-rendered pages (sign-in, sign-out, errors): bilingual labels, no script at
// all, and a CSP that says so. Everything interpolated goes through escapeHtml.

/** Sent with every page the provider renders. No form-action: after sign-in the provider redirects the form post to
 * the console's callback, which may be on the Vite dev server's origin. */
export const PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'";

export function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

const STYLE = `body{font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;background:#f5f5f5;margin:0}
main{max-width:360px;margin:10vh auto;background:#fff;padding:32px;border-radius:8px;box-shadow:0 1px 4px rgba(0,0,0,.12)}
h1{font-size:20px;margin:0 0 4px}p.sub{color:#666;margin:0 0 24px;font-size:14px}
label{display:block;font-size:14px;margin:16px 0 6px}input{box-sizing:border-box;width:100%;padding:8px 10px;font-size:14px;border:1px solid #d9d9d9;border-radius:6px}
button{margin-top:24px;width:100%;padding:9px;font-size:15px;border:0;border-radius:6px;background:#1556c5;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#333;border:1px solid #d9d9d9;margin-top:12px}
button:focus-visible,input:focus-visible{outline:2px solid #0958d9;outline-offset:2px}
.error{background:#fff2f0;border:1px solid #ffccc7;color:#a8071a;padding:8px 12px;border-radius:6px;font-size:14px;margin-bottom:8px}
.note{color:#666;font-size:12px;margin-top:16px}`;

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main>${body}</main></body>
</html>
`;
}

export interface SignInPage {
  action: string;
  email?: string;
  error?: boolean;
}

export function signInPage({ action, email = '', error = false }: SignInPage): string {
  return layout(
    '登录 · procure-core 控制台',
    `<h1>登录控制台 / Sign in</h1>
<p class="sub">procure-core 本地运行环境 / local runtime</p>
${error ? '<div class="error" role="alert" id="sign-in-error">邮箱或密码错误 / Wrong e-mail or password</div>' : ''}
<form method="post" action="${escapeHtml(action)}" autocomplete="on">
<label for="email">邮箱 / Email</label>
<input id="email" name="email" type="email" autocomplete="username" required value="${escapeHtml(email)}"${error ? ' aria-describedby="sign-in-error"' : ' autofocus'}>
<label for="password">密码 / Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${error ? ' autofocus' : ''}>
<button type="submit">登录</button>
</form>
<p class="note">本地账号见 npm start 的启动信息 / the local accounts are printed when npm start starts.</p>`,
  );
}

/** RP-initiated logout asks for confirmation; the provider supplies the hidden form (with its xsrf token). */
export function signOutPage(form: string): string {
  return layout(
    '退出登录 · procure-core 控制台',
    `<h1>退出登录 / Sign out</h1>
<p class="sub">确定要退出控制台吗？/ Sign out of the console?</p>
${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes">退出登录 / Sign out</button>
<button type="submit" form="op.logoutForm" class="secondary">取消 / Stay signed in</button>`,
  );
}

export function signedOutPage(): string {
  return layout(
    '已退出 · procure-core 控制台',
    `<h1>已退出 / Signed out</h1><p class="sub"><a href="/console/">返回控制台 / Back to the console</a></p>`,
  );
}

export function errorPage(error: string, description?: string): string {
  return layout(
    '出错了 · procure-core 控制台',
    `<h1>出错了 / Something went wrong</h1>
<div class="error" role="alert">${escapeHtml(error)}${description ? `: ${escapeHtml(description)}` : ''}</div>
<p class="sub"><a href="/console/">返回控制台 / Back to the console</a></p>`,
  );
}
