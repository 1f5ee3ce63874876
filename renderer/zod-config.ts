import { z } from 'zod';

/**
 * zod compiles fast parsers with `new Function()` when it may, and probes for that while the schemas
 * are being defined (at import time). The CSP forbids eval, so the probe would raise a CSP violation
 * on every launch. This module is main.tsx's first import, so it runs before any schema is defined.
 */
z.config({ jitless: true });
