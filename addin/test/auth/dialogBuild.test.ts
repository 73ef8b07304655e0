/**
 * dialog.html is part of every build (production included): the Office dialog fallback opens it beside
 * taskpane.html, and Entra redirects back to it. Checked on the webpack configuration itself.
 */
import path from 'node:path';

interface HtmlPlugin {
  userOptions?: { filename?: string; chunks?: string[] };
}

async function config(mode: 'production' | 'development') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const make = require(path.join(__dirname, '../../webpack.config.js')) as (
    env: Record<string, unknown>,
    argv: { mode: string },
  ) => Promise<{ entry: Record<string, string>; plugins: unknown[] }>;
  return make({}, { mode });
}

describe('the sign-in dialog page in the build', () => {
  it.each(['production', 'development'] as const)(
    '%s: entry `dialog` → dialog.html with only its own chunk',
    async (mode) => {
      const built = await config(mode);
      expect(built.entry.dialog).toBe('./src/auth/dialogMain.ts');
      const pages = built.plugins
        .map((p) => (p as HtmlPlugin).userOptions)
        .filter((o): o is NonNullable<HtmlPlugin['userOptions']> => !!o?.filename);
      expect(pages.find((o) => o.filename === 'dialog.html')?.chunks).toEqual(['dialog']);
      // The pane's page does not load the dialog's MSAL client, nor the dialog the pane.
      expect(pages.find((o) => o.filename === 'taskpane.html')?.chunks).not.toContain('dialog');
    },
  );
});
