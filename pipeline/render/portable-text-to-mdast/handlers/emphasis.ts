import type {MarkHandler} from '../state.ts'

export const emphasis: MarkHandler = (children) => [{type: 'emphasis', children}]
