import { z } from 'zod';

/** A connection's name: the first part of every rollout id it serves (`<connection>/<local id>`). */
export const connectionNameSchema = z
  .string()
  .regex(
    /^[a-z][a-z0-9-]{0,39}$/,
    'must start with a letter: lower-case letters, digits and dashes, at most 40',
  );

/** The implicit connection of a config without `connections:` (today's single simulator). */
export const DEFAULT_SIMULATOR = 'simulator';
