/** The CLI's name and version, written into every file it produces. */
export const CLI_VERSION = '0.1.0';
export const PRODUCER = `bnlab CLI ${CLI_VERSION}`;
