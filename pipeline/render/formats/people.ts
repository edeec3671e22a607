import type {SourcePerson} from '../types.ts'

/** "Morgan Blair, MA, LPCC" — a name with its credentials as the person gives them. */
export function nameWithCredentials(person: Pick<SourcePerson, 'name' | 'credentials'>): string {
  const name = person.name?.trim() || 'Unnamed author'
  const credentials = person.credentials?.trim()
  return credentials ? `${name}, ${credentials}` : name
}

/** Several people: semicolons, because credentials themselves contain commas. */
export function peopleList(people: ReadonlyArray<Pick<SourcePerson, 'name' | 'credentials'>>): string {
  return people.map(nameWithCredentials).join('; ')
}
