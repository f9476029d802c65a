// Every string the API takes in goes through here. A lone (unpaired) surrogate is not text: it has
// no UTF-8 encoding and the audit log's JCS canonicalisation refuses it, so it is bad input at the
// boundary, named by field, instead of a failure after the action was let through.
import { z } from 'zod';

const LONE_SURROGATE = /\p{Surrogate}/u;

export function text() {
  return z.string().check((ctx) => {
    const at = ctx.value.search(LONE_SURROGATE);
    if (at < 0) return;
    const unit = ctx.value.charCodeAt(at).toString(16).toUpperCase();
    ctx.issues.push({
      code: 'custom',
      input: ctx.value,
      message: `not well-formed text: a lone surrogate (U+${unit}) at character ${at + 1}`,
    });
  });
}
