import type {MarkHandler} from './types.ts'

export const strong: MarkHandler = (children) => [{type: 'strong', children}]
