import type {MarkHandler} from './types.ts'

export const emphasis: MarkHandler = (children) => [{type: 'emphasis', children}]
