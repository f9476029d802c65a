// Who may use a browser-mode control room: one invitation per person, each with its own random
// token. The book keeps only a SHA-256 digest of each token: a lookup takes the same time whatever
// bytes are presented (no timing oracle on a prefix), and the table holds no usable secret.
import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '../../shared/api';
import { ApiError } from '../core/api/api-error';

export interface Identity {
  name: string;
  role: Role;
}

export interface IssuedToken extends Identity {
  token: string;
}

/** Names the control room itself records under: nobody may be invited as one of them. */
const SYSTEM_ACTORS = ['judge', 'controller'];

const digest = (token: string): string => createHash('sha256').update(token).digest('hex');
/** Names that differ only in case or Unicode form are one person. */
const nameKey = (name: string): string => name.normalize('NFKC').toLowerCase();

export class InvitationBook {
  private readonly byDigest = new Map<string, Identity>();

  /** A fresh token for this person; 192 random bits, URL-safe. */
  issue(identity: Identity): IssuedToken {
    const token = randomBytes(24).toString('base64url');
    this.byDigest.set(digest(token), { name: identity.name, role: identity.role });
    return { ...identity, token };
  }

  /** Like issue, for a newcomer: refuses a name that is taken or the control room's own. */
  invite(identity: Identity): IssuedToken {
    const key = nameKey(identity.name);
    if (SYSTEM_ACTORS.includes(key))
      throw new ApiError(
        'invalid-input',
        `"${identity.name}" is a name the control room records under itself; choose another`,
        'name',
      );
    if ([...this.byDigest.values()].some((i) => nameKey(i.name) === key))
      throw new ApiError(
        'precondition-failed',
        `${identity.name} already has an invitation here; a second would let someone else act under that name`,
        'name',
      );
    return this.issue(identity);
  }

  withdraw(token: string): void {
    this.byDigest.delete(digest(token));
  }

  identify(token: string | undefined): Identity | undefined {
    return token === undefined ? undefined : this.byDigest.get(digest(token));
  }
}
