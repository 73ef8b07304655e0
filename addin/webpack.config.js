// Builds the task pane and the SALES custom functions into one shared-runtime page (taskpane.html),
// the functions metadata (zh-CN default + en-US), the sign-in dialog page (dialog.html), the browser
// preview (development only), and copies office.js from @microsoft/office-js so nothing depends on
// Microsoft's CDN being reachable.
const path = require('path');
const webpack = require('webpack');
const fs = require('fs');
const os = require('os');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const CustomFunctionsMetadataPlugin = require('custom-functions-metadata-plugin');
const { LocalizedFunctionsMetadataPlugin } = require('./build/localizedMetadata');

const PORT = Number(process.env.SALESDESK_TASKPANE_PORT || 3000);
// The origin written into manifest URLs at build time; production builds set SALESDESK_ORIGIN.
const ORIGIN = (process.env.SALESDESK_ORIGIN || `https://localhost:${PORT}`).replace(/\/$/, '');
const OFFICE_JS_DIR = path.dirname(require.resolve('@microsoft/office-js/dist/office.js'));
// office.js loads host files next to itself; other Office hosts' files are left out.
const OTHER_HOSTS = ['access', 'onenote', 'outlook', 'powerpoint', 'project', 'visio', 'word'];

async function httpsOptions() {
  const certs = require('office-addin-dev-certs');
  try {
    return await certs.getHttpsServerOptions();
  } catch (error) {
    // Installing the CA needs sudo; without it, use the generated files and say how to trust them.
    const dir = path.join(os.homedir(), '.office-addin-dev-certs');
    const crt = path.join(dir, 'localhost.crt');
    const key = path.join(dir, 'localhost.key');
    if (!fs.existsSync(crt) || !fs.existsSync(key)) await certs.generateCertificates();
    console.warn(
      `[SalesDesk] Could not install the development CA (${error && error.message ? error.message : error}).\n` +
        `  Serving with ${crt}. Trust ${path.join(dir, 'ca.crt')} in your OS/browser to load the add-in in Excel.`,
    );
    return {
      cert: fs.readFileSync(crt),
      key: fs.readFileSync(key),
      ca: fs.readFileSync(path.join(dir, 'ca.crt')),
    };
  }
}

module.exports = async (env, argv) => {
  const dev = argv.mode !== 'production';
  const preview = dev || process.env.SALESDESK_PREVIEW === '1';
  const entry = {
    taskpane: './src/taskpane/index.tsx',
    functions: './src/customfunctions/functions.ts',
    // The sign-in page of the Office dialog fallback (no nested app authentication): auth/dialogMain.ts.
    dialog: './src/auth/dialogMain.ts',
  };
  if (preview) entry.preview = './src/preview/index.tsx';

  return {
    devtool: dev ? 'eval-source-map' : 'source-map',
    entry,
    output: { path: path.resolve(__dirname, 'dist'), filename: '[name].js', clean: true },
    resolve: { extensions: ['.ts', '.tsx', '.js'] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            options: { transpileOnly: true, compilerOptions: { module: 'esnext' } },
          },
        },
        { test: /\.(png|svg|ico)$/, type: 'asset/resource', generator: { filename: 'assets/[name][ext]' } },
      ],
    },
    performance: { hints: false },
    plugins: [
      // Sign-in settings of this build (auth/entraSettings.ts); empty → the local issuer (development),
      // found beside the API or, under `func start`, at SALESDESK_LOCAL_ISSUER_URL (set by `npm start`).
      new webpack.DefinePlugin(
        Object.fromEntries(
          [
            'SALESDESK_ENTRA_CLIENT_ID',
            'SALESDESK_ENTRA_TENANT_ID',
            'SALESDESK_API_SCOPE',
            'SALESDESK_LOCAL_ISSUER_URL',
          ].map((name) => [`process.env.${name}`, JSON.stringify(process.env[name] || '')]),
        ),
      ),
      new CustomFunctionsMetadataPlugin({
        output: 'functions.en-US.json',
        input: './src/customfunctions/functions.ts',
      }),
      new LocalizedFunctionsMetadataPlugin({
        from: 'functions.en-US.json',
        to: 'functions.json',
        locale: 'zh-CN',
      }),
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/taskpane/taskpane.html',
        chunks: ['functions', 'taskpane'],
      }),
      new HtmlWebpackPlugin({
        filename: 'dialog.html',
        template: './src/auth/dialog.html',
        chunks: ['dialog'],
      }),
      ...(preview
        ? [
            new HtmlWebpackPlugin({
              filename: 'preview.html',
              template: './src/preview/preview.html',
              chunks: ['preview'],
            }),
          ]
        : []),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/*.png', to: 'assets/[name][ext]' },
          { from: 'src/taskpane/help.html', to: 'help.html' },
          {
            from: '../manifest.xml',
            to: 'manifest.xml',
            transform: (content) => content.toString().replace(/https:\/\/localhost:3000/g, ORIGIN),
          },
          {
            from: OFFICE_JS_DIR,
            to: 'office-js',
            // Already minified by Microsoft: keep Terser off these 700 files (it takes minutes).
            info: { minimized: true },
            globOptions: {
              ignore: OTHER_HOSTS.map((h) => `**/${h}*`).concat(['**/*.d.ts', '**/*.debug.js']),
            },
          },
          ...(preview
            ? [{ from: '../samples/*.xlsx', to: 'samples/[name][ext]', noErrorOnMissing: true }]
            : []),
        ],
      }),
    ],
    devServer: {
      port: PORT,
      host: 'localhost',
      hot: false,
      headers: { 'Access-Control-Allow-Origin': '*' },
      // SALESDESK_HTTP=1 serves plain http (browser tests, preview); Excel needs https.
      // Only `webpack serve` needs a certificate (webpack-cli passes env.WEBPACK_SERVE); builds never touch the CA.
      server:
        process.env.SALESDESK_HTTP || !env.WEBPACK_SERVE
          ? 'http'
          : { type: 'https', options: await httpsOptions() },
      static: false,
      client: { overlay: { warnings: false, errors: true } },
    },
  };
};
