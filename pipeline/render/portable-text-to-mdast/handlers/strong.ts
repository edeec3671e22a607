import type {MarkHandler} from '../state.ts'

export const strong: MarkHandler = (children) => [{type: 'strong', children}]
