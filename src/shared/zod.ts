/**
 * zod, configured once for every schema of the app: without `jitless`, zod compiles fast parsers
 * with `new Function`, and even its probe for whether it may breaks the Content-Security-Policy
 * (no eval). Every module imports z from here, never from 'zod' directly.
 */
import { z } from 'zod';

z.config({ jitless: true });

export { z };
