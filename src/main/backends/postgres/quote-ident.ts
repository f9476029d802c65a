// SQL identifier quoting for the check templates: names come from plan files, never from users' SQL.

/** "orders" -> "orders"; "sales.orders" -> "sales"."orders" (double quotes inside are doubled). */
export function quoteIdent(name: string): string {
  return name
    .split('.')
    .map((part) => `"${part.replaceAll('"', '""')}"`)
    .join('.');
}

/** Escapes LIKE wildcards so an application name matches literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
