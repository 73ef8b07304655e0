// Emits the custom functions metadata for the default locale (zh-CN) from the metadata that
// custom-functions-metadata-plugin generates out of the JSDoc (en-US), using a translation table
// kept next to the functions. The manifest points zh-CN (default) at functions.json and en-US at
// functions.en-US.json. Each parameter has a name and a description per locale (Chinese Excel shows
// both in the formula bar and the Insert Function dialog); a function or parameter without its
// name or description fails the build.
const path = require('path');
const fs = require('fs');
const { sources, WebpackError, Compilation } = require('webpack');

function localize(metadata, table, locale) {
  const missing = [];
  const functions = metadata.functions.map((fn) => {
    const t = table[fn.id];
    if (!t) {
      missing.push(fn.id);
      return fn;
    }
    const parameters = (fn.parameters || []).map((p) => {
      const text = t.parameters && t.parameters[p.name];
      if (!text || !text.name || !text.description) {
        missing.push(`${fn.id}(${p.name})`);
        return p;
      }
      return { ...p, name: text.name, description: text.description };
    });
    return { ...fn, name: t.name || fn.name, description: t.description, parameters };
  });
  if (missing.length) throw new Error(`No ${locale} text for custom function(s): ${missing.join(', ')}`);
  return { ...metadata, functions };
}

class LocalizedFunctionsMetadataPlugin {
  constructor({ from, to, locale }) {
    this.options = { from, to, locale };
  }
  apply(compiler) {
    const { from, to, locale } = this.options;
    const tablePath = path.resolve(compiler.context, `src/customfunctions/functions.${locale}.json`);
    compiler.hooks.thisCompilation.tap('LocalizedFunctionsMetadataPlugin', (compilation) => {
      compilation.fileDependencies.add(tablePath);
      compilation.hooks.processAssets.tap(
        { name: 'LocalizedFunctionsMetadataPlugin', stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          const source = compilation.getAsset(from);
          if (!source) return; // the metadata plugin already reported why
          try {
            const table = JSON.parse(fs.readFileSync(tablePath, 'utf8'));
            const metadata = JSON.parse(source.source.source().toString());
            const localized = localize(metadata, table, locale);
            compilation.emitAsset(to, new sources.RawSource(JSON.stringify(localized, null, 2)));
          } catch (error) {
            compilation.errors.push(new WebpackError(String(error.message || error)));
          }
        },
      );
    });
  }
}

module.exports = { LocalizedFunctionsMetadataPlugin, localize };
