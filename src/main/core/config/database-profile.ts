// A PostgreSQL connection profile in config.yaml. The password is never written there: it comes from
// an environment variable, or from the OS keychain of the desktop app.
import { z } from 'zod';

export const databaseProfileSchema = z
  .object({
    host: z.string().min(1).default('127.0.0.1'),
    port: z.number().int().min(1).max(65535).default(5432),
    database: z.string().min(1),
    user: z.string().min(1),
    /** Name of the environment variable holding the password. */
    passwordEnv: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name')
      .optional(),
    /** The desktop app keeps the password in the OS keychain (set it from the migration view). */
    passwordKeychain: z.boolean().default(false),
    password: z
      .never({
        error:
          'passwords never go in config.yaml: use passwordEnv: VARIABLE_NAME, or passwordKeychain: true in the desktop app',
      })
      .optional(),
    ssl: z.enum(['disable', 'require', 'verify-full']).default('disable'),
    /**
     * Run checks even when the role can do what a read-only transaction does not stop (superuser,
     * pg_signal_backend, CREATE, owning the checked tables …); the migration view then shows a warning.
     */
    allowPrivilegedRole: z.boolean().default(false),
  })
  .strict()
  .refine((p) => !(p.passwordEnv && p.passwordKeychain), {
    message: 'use either passwordEnv or passwordKeychain, not both',
    path: ['passwordKeychain'],
  });

export type DatabaseProfile = z.output<typeof databaseProfileSchema>;
