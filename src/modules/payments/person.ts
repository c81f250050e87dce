// The person acting on payments (web user or `--user` in the CLI).
import type { Person } from '../handling/index.ts';

export type { Person };

/** `id` '' is the system itself (a scheduled CLI run without --user): it may propose and write files, never approve or release. */
export const systemPerson: Person = { id: '', username: 'system', roles: ['ekonom'] };

export const actorOfPerson = (p: Person) => (p.id ? { id: p.id, username: p.username } : null);
