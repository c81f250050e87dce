// The person acting on payments (web user or `--user` in the CLI).
export type Person = { id: string; username: string; roles: readonly string[] };
