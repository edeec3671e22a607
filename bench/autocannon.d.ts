// The parts of autocannon 9's API the load script uses (the package ships no types).
declare module 'autocannon' {
  export interface RequestSpec {
    method?: string
    path?: string
    headers?: Record<string, string>
    body?: string
    setupRequest?: (request: RequestSpec, context: Record<string, unknown>) => RequestSpec
  }
  export interface Percentiles {
    average: number
    mean: number
    stddev: number
    min: number
    max: number
    p50: number
    p90: number
    p97_5: number
    p99: number
    total: number
  }
  export interface Result {
    duration: number
    errors: number
    timeouts: number
    non2xx: number
    resets: number
    statusCodeStats: Record<string, {count: number}>
    latency: Percentiles
    requests: Percentiles & {sent: number}
    throughput: Percentiles
  }
  export interface Options {
    url: string
    connections?: number
    duration?: number
    requests?: RequestSpec[]
    headers?: Record<string, string>
    method?: string
    body?: string
  }
  function autocannon(options: Options): Promise<Result>
  export default autocannon
}
