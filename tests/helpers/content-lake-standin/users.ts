import type {StandinUser} from './server.ts'

/**
 * Studio users of the demo and the browser suite. Morgan Blair's id is in the `sanityUserIds` of the person
 * `person.morgan-blair` (a medical reviewer) in the embedded dataset; Lena Fischer's id is linked to nobody.
 */
export const DEMO_USERS = {
  reviewer: {id: 'pMorganB1', name: 'Morgan Blair', email: 'morgan.blair@example.org'},
  writer: {id: 'pLenaFis1', name: 'Lena Fischer', email: 'lena.fischer@example.org'},
} as const satisfies Record<string, StandinUser>

export type DemoUserName = keyof typeof DEMO_USERS
