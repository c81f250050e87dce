// The person acting on payments (web user or `--user` in the CLI).
/** `id` '' is the system itself (a scheduled CLI run without --user): it may propose and write files, never approve or release. */
export type Person = { id: string; username: string; roles: readonly string[] };

export const systemPerson: Person = { id: '', username: 'system', roles: ['ekonom'] };

export const actorOfPerson = (p: Person) => (p.id ? { id: p.id, username: p.username } : null);
