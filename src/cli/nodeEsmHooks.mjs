// Node ESM resolve hook for tfjs's ES module files, which import relative paths without extensions
// (`./engine`, `./gradients`): fine for bundlers and Vitest, refused by Node. Only specifiers that
// fail to resolve from inside node_modules/@tensorflow are retried, with `.js` or `/index.js`.
export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    const fromTfjs = context.parentURL?.includes('/node_modules/@tensorflow/') ?? false;
    const retryable = specifier.startsWith('.') || specifier.startsWith('@tensorflow/');
    if (!fromTfjs || !retryable) throw error;
    if (error?.code !== 'ERR_UNSUPPORTED_DIR_IMPORT' && error?.code !== 'ERR_MODULE_NOT_FOUND')
      throw error;
    // As bundlers do: a file `x.js` wins over a folder `x/`.
    try {
      return await nextResolve(`${specifier}.js`, context);
    } catch {
      return nextResolve(`${specifier}/index.js`, context);
    }
  }
}
