// The signed-in person as invoice handling sees them: who they are and which roles they hold.
export type Person = { id: string; username: string; displayName?: string; roles: readonly string[] };
